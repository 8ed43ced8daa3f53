package org.sculpt4d.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.sampling.FarthestPointSampling;
import org.sculpt4d.tensor.Tensor;

class EncoderSamplingProperties {

    /** Spec §2.7 steps 2–4 for the released config: 81920 of 81920 points, ceil(float32 0.05 · 81920) = 4096 queries. */
    @Test
    void releasedConfigUsesEveryPointAndPicks4096Queries() {
        EncoderSampling s = new EncoderSampling(ShapeVaeConfig.released());
        assertEquals(81_920, s.dataCount());
        assertEquals(4_096, s.queryCount());
    }

    /** Uniform and sharp parts are sampled separately: 192 + 64 points at ratio 8 give 24 + 8 queries. */
    @Test
    void sharpPointsGetTheirShareOfQueries() {
        ShapeVaeConfig c = new ShapeVaeConfig(32, 4, 6, true, 2, 32, 2, 2, false, false, 4, 192, 64, 2, true, 8, 1.0);
        EncoderSampling s = new EncoderSampling(c);
        assertEquals(256, s.dataCount());
        assertEquals(32, s.queryCount());
        PointSelection p = s.draw(RandomVae.surface(c, 1), new SplittableRandom(2));
        int[] q = p.queryIndex();
        for (int i = 0; i < 32; i++) assertEquals(i >= 24, q[i] >= 192, "query " + i + " = row " + q[i]);
    }

    @Property(tries = 60)
    void selectionIsAValidSubsetWithFpsQueries(@ForAll long seed) {
        ShapeVaeConfig c = RandomVae.config(seed);
        EncoderSampling sampling = new EncoderSampling(c);
        Tensor surface = RandomVae.surface(c, seed);
        PointSelection p = sampling.draw(surface, new SplittableRandom(seed));
        int[] data = p.dataIndex(), queries = p.queryIndex();
        assertEquals(sampling.dataCount(), data.length);
        assertEquals(sampling.queryCount(), queries.length);
        assertEquals(data.length, Arrays.stream(data).distinct().count(), "data rows are distinct");
        int uniform = (int) Arrays.stream(data).filter(r -> r < c.pcSize()).count();
        for (int i = 0; i < data.length; i++) {
            assertTrue(data[i] >= 0 && data[i] < c.pcSize() + c.pcSharpedgeSize());
            assertEquals(i >= uniform, data[i] >= c.pcSize(), "uniform rows first, then sharp");
        }
        // the uniform queries are the FPS of the uniform data points, from one of them
        int[] uniformData = Arrays.copyOf(data, uniform);
        int uniformQueries = (int) Arrays.stream(queries).filter(r -> r < c.pcSize()).count();
        float[] xyz = new float[3 * uniform];
        for (int i = 0; i < uniform; i++) {
            for (int a = 0; a < 3; a++) xyz[3 * i + a] = surface.get(uniformData[i], a);
        }
        int start = indexOf(uniformData, queries[0]);
        int[] fps = FarthestPointSampling.select(xyz, start, uniformQueries);
        for (int i = 0; i < uniformQueries; i++) assertEquals(uniformData[fps[i]], queries[i], "query " + i);
    }

    @Property(tries = 30)
    void theSameSeedGivesTheSameSelection(@ForAll long seed) {
        ShapeVaeConfig c = RandomVae.config(seed);
        Tensor surface = RandomVae.surface(c, seed);
        EncoderSampling s = new EncoderSampling(c);
        PointSelection a = s.draw(surface, new SplittableRandom(seed));
        assertEquals(a, s.draw(surface, new SplittableRandom(seed)));
        if (c.pcSize() > s.dataCount() + 2) assertNotEquals(a, s.draw(surface, new SplittableRandom(seed + 1)));
    }

    @Test
    void aSurfaceOfTheWrongSizeIsRefused() {
        ShapeVaeConfig c = RandomVae.config(3);
        Tensor wrong = Tensor.zeros(c.pcSize() + c.pcSharpedgeSize() + 1, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EncoderSampling(c).draw(wrong, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("pc_size + pc_sharpedge_size"), e.getMessage());
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        throw new AssertionError(v + " not in " + Arrays.toString(a));
    }
}
