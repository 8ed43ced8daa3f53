package org.sculpt4d.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sculpt4d.golden.BundleReport;
import org.sculpt4d.golden.GoldenCheck;
import org.sculpt4d.golden.OutputCheck;

/**
 * Every committed golden bundle, through the code path of {@code sculpt4d golden-check} ({@link GoldenCheck#standard()}):
 * one dynamic test per bundle, which fails when any output fails or the bundle cannot be checked. Skipped, with the
 * directory named, only when there are no bundles at all.
 */
class GoldenBundlesTest {
    /**
     * Why the marching-cubes bundles do not match (golden-format.md asks for the mesh skimage's Lewiner MC gives, as
     * Hunyuan3D's extractor does): org.sculpt4d.geometry.mc derives its own case tilings. The vertices are the same
     * edge crossings (to 2e-7 on mc-sphere-r32) but quads and larger polygons are split along other diagonals (1379
     * of mc-sphere-r32's 2372 triangles differ), which moves area and volume by 1e-7..3e-4 relative, above the bundles'
     * float32-level tolerances; and in tunnel cells it follows the trilinear interpolant where skimage's interior test
     * does not (MarchingCubesSkimageParityTest), which changes the counts of mc-random-r13.
     */
    private static final String MC_TILING = "Java MC tilings differ from skimage's Lewiner tables";

    /**
     * Known divergences: bundle → the outputs allowed to fail and why. Such a bundle must still fail (or its entry is
     * stale and this test says so), and every output not listed must pass.
     */
    private static final Map<String, Set<String>> KNOWN_DIVERGENCES = Map.of(
            "mc-sphere-r32.safetensors", Set.of("area", "volume"),
            "mc-sphere-zeros-r24.safetensors", Set.of("area", "volume"),
            "mc-blobs-r24.safetensors", Set.of("area", "volume"),
            "mc-random-r13.safetensors", Set.of("vertex_count", "face_count", "area", "volume"));

    @TestFactory
    Stream<DynamicTest> everyBundlePasses() {
        List<Path> bundles = Bundles.all();
        if (bundles.isEmpty()) return Bundles.noneToCheck("golden bundles");
        GoldenCheck check = GoldenCheck.standard();
        return bundles.stream().map(b -> DynamicTest.dynamicTest(b.getFileName().toString(), () -> {
            BundleReport r = check.check(b);
            Set<String> allowed = KNOWN_DIVERGENCES.getOrDefault(b.getFileName().toString(), Set.of());
            Set<String> failed = r.outputs().stream().filter(o -> !o.passed()).map(OutputCheck::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            String lines = r.outputs().stream().map(OutputCheck::describe)
                    .collect(Collectors.joining("\n  ", r.module() + " (rtol " + r.rtol() + ", atol " + r.atol() + "):\n  ", ""));
            if (!allowed.containsAll(failed)) fail(b.getFileName() + " " + lines);
            if (!allowed.isEmpty()) {
                assertFalse(failed.isEmpty(), b.getFileName() + " now passes (" + MC_TILING
                        + " no longer holds?): remove it from KNOWN_DIVERGENCES\n  " + lines);
            }
            assertTrue(allowed.containsAll(failed));
        }));
    }
}
