package org.sculpt4d.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sculpt4d.golden.BundleReport;
import org.sculpt4d.golden.GoldenCheck;
import org.sculpt4d.golden.OutputCheck;

/**
 * Every committed golden bundle of {@code golden-outputs/bundles/}, through the code path of
 * {@code sculpt4d golden-check} ({@link GoldenCheck#standard()}): one dynamic test per bundle, which fails when any
 * output fails or the bundle cannot be checked. Skipped, with the directory named, only when there are no bundles at
 * all. The documented differences in {@code golden-outputs/divergences/} are {@link TilingDivergenceTest}'s.
 */
class GoldenBundlesTest {
    @TestFactory
    Stream<DynamicTest> everyBundlePasses() {
        List<Path> bundles = Bundles.all();
        if (bundles.isEmpty()) return Bundles.noneToCheck("golden bundles");
        GoldenCheck check = GoldenCheck.standard();
        return bundles.stream().map(b -> DynamicTest.dynamicTest(b.getFileName().toString(), () -> {
            BundleReport r = check.check(b);
            String lines = r.outputs().stream().map(OutputCheck::describe)
                    .collect(Collectors.joining("\n  ", r.module() + " (rtol " + r.rtol() + ", atol " + r.atol() + "):\n  ", ""));
            assertTrue(r.passed(), b.getFileName() + " " + lines);
        }));
    }
}
