package org.sculpt4d.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.sculpt4d.geometry.sampling.FarthestPointSampling;
import org.sculpt4d.golden.GoldenBundle;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.EncoderSampling;
import org.sculpt4d.vae.ShapeVaeConfig;

/**
 * The reference's encoder indices are what {@link EncoderSampling} draws (spec §2.7): as many data and query points
 * as its count rules give, uniform rows then sharp rows, and each part's queries the farthest point sampling of that
 * part's data points (in this port's FPS, from the reference's random start).
 */
class EncoderBundlesTest {

    @TestFactory
    Stream<DynamicTest> encoderIndicesFollowTheSamplingRules() {
        Path[] encoders = Bundles.all().stream().filter(p -> p.getFileName().toString().startsWith("vae-encoder"))
                .toArray(Path[]::new);
        if (encoders.length == 0) return Bundles.noneToCheck("vae.encoder bundles");
        return Arrays.stream(encoders).map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            try (GoldenBundle b = GoldenBundle.open(p)) {
                ShapeVaeConfig c = ShapeVaeConfig.fromMap(b.config(), p.toString());
                EncoderSampling sampling = new EncoderSampling(c);
                Tensor surface = b.floats("surface", -1, c.pcSize() + c.pcSharpedgeSize(), 3 + c.pointFeats());
                int batch = surface.dim(0);
                int[][] data = b.indexRows("data_index", batch), queries = b.indexRows("query_index", batch);
                for (int i = 0; i < batch; i++) {
                    assertEquals(sampling.dataCount(), data[i].length, "data points");
                    assertEquals(sampling.queryCount(), queries[i].length, "queries");
                    assertEquals(data[i].length, Arrays.stream(data[i]).distinct().count(), "distinct data rows");
                    checkPart(surface.select(i), data[i], queries[i], 0, c.pcSize());
                    checkPart(surface.select(i), data[i], queries[i], c.pcSize(), c.pcSize() + c.pcSharpedgeSize());
                }
            }
        }));
    }

    /** Rows in [from, to): data first-to-last in one run, queries likewise, the queries FPS of the data. */
    private static void checkPart(Tensor surface, int[] data, int[] queries, int from, int to) {
        int[] partData = Arrays.stream(data).filter(r -> r >= from && r < to).toArray();
        int[] partQueries = Arrays.stream(queries).filter(r -> r >= from && r < to).toArray();
        if (partQueries.length == 0) return;
        int firstData = indexOf(data, partData[0]), firstQuery = indexOf(queries, partQueries[0]);
        assertArrayEquals(partData, Arrays.copyOfRange(data, firstData, firstData + partData.length), "one run");
        assertArrayEquals(partQueries, Arrays.copyOfRange(queries, firstQuery, firstQuery + partQueries.length));
        assertTrue(from == 0 ? firstData == 0 && firstQuery == 0 : firstData > 0 && firstQuery > 0, "uniform first");
        float[] xyz = new float[3 * partData.length];
        for (int k = 0; k < partData.length; k++) {
            for (int a = 0; a < 3; a++) xyz[3 * k + a] = surface.get(partData[k], a);
        }
        int[] picks = FarthestPointSampling.select(xyz, indexOf(partData, partQueries[0]), partQueries.length);
        for (int k = 0; k < picks.length; k++) assertEquals(partData[picks[k]], partQueries[k], "query " + k);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new AssertionError(v + " is not a data row");
    }
}
