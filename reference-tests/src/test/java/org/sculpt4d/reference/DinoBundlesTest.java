package org.sculpt4d.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.DinoLayout;
import org.sculpt4d.conditioning.Resampling;
import org.sculpt4d.golden.GoldenBundle;
import org.sculpt4d.tensor.Tensor;

/**
 * The DINOv2 bundles whose position grid differs from the patch grid (spec §4.2): this port's interpolated position
 * embeddings match the reference's {@code F.interpolate(bicubic, align_corners=False)} within the bundle's tolerances,
 * and those tolerances tell bicubic from bilinear interpolation of the same table (the check discriminates).
 */
class DinoBundlesTest {

    @TestFactory
    Stream<DynamicTest> interpolatedPositionEmbeddingsMatchTheReference() {
        Path[] bundles = Bundles.all().stream().filter(p -> p.getFileName().toString().startsWith("dinov2")).toArray(Path[]::new);
        if (bundles.length == 0) return Bundles.noneToCheck("dinov2 bundles");
        return Arrays.stream(bundles).map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            try (GoldenBundle b = GoldenBundle.open(p)) {
                DinoConfig c = DinoConfig.fromMap(b.config(), p.toString());
                if (c.positionGrid() == c.patchGrid()) return;
                DinoImageEncoder enc = DinoImageEncoder.load(b.weights(), c, true);
                float[] want = b.outputs().get("position_embeddings").toFloat().toArray();
                float[] got = enc.positionEmbeddings().toArray();
                assertTrue(worstShare(got, want, b.rtol(), b.atol()) <= 1, "bicubic position embeddings");
                int g = c.positionGrid(), n = c.patchGrid(), h = c.hiddenSize();
                Tensor table = b.weights().load(DinoLayout.PREFIX + "embeddings.position_embeddings").reshape(1 + g * g, h);
                float[] bilinear = Resampling.bilinear(table.slice(1, 1 + g * g).reshape(g, g, h), n, n).toArray();
                float[] patchRows = Arrays.copyOfRange(want, h, want.length);
                assertTrue(worstShare(bilinear, patchRows, b.rtol(), b.atol()) > 100, "bilinear is told apart");
            }
        }));
    }

    /** max |got − want| / (atol + rtol·|want|). */
    private static double worstShare(float[] got, float[] want, double rtol, double atol) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i])));
        return worst;
    }
}
