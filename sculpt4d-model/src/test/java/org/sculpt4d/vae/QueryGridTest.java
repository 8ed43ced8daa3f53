package org.sculpt4d.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Tensor;

class QueryGridTest {

    /** numpy.linspace(-1.01, 1.01, 5, dtype=float32) (numpy 1.24), the float32 values spec §6.1 asks for. */
    @Test
    void axisIsNumpysFloat32Linspace() {
        QueryGrid g = QueryGrid.of(new double[] {1.01}, 4);
        assertArrayEquals(new float[] {-1.01f, -0.505f, 0f, 0.505f, 1.01f}, g.axis(0));
        // R = 3: the step 2.02/3 is not exact; float32(−1.01 + i·step) in double, the last value exactly 1.01
        float[] a = QueryGrid.of(new double[] {1.01}, 3).axis(2);
        assertArrayEquals(new float[] {-1.01f, (float) (-1.01 + 2.02 / 3), (float) (2 * (2.02 / 3) - 1.01), 1.01f}, a);
    }

    /** meshgrid(indexing="ij") flattened: x slowest, z fastest (spec §6.1). */
    @Test
    void pointsRunXSlowestZFastest() {
        QueryGrid g = QueryGrid.of(new double[] {-1, -2, -3, 1, 2, 3}, 2);
        assertEquals(27, g.size());
        Tensor p = g.points(0, 27);
        assertArrayEquals(new float[] {-1, -2, -3}, p.select(0).toArray());
        assertArrayEquals(new float[] {-1, -2, 0}, p.select(1).toArray());
        assertArrayEquals(new float[] {-1, 0, -3}, p.select(3).toArray());
        assertArrayEquals(new float[] {0, -2, -3}, p.select(9).toArray());
        assertArrayEquals(new float[] {1, 2, 3}, p.select(26).toArray());
        assertArrayEquals(p.slice(10, 20).toArray(), g.points(10, 20).toArray());
    }

    @Test
    void badBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryGrid.of(new double[] {1, 2}, 4));
        assertThrows(IllegalArgumentException.class, () -> QueryGrid.of(new double[] {-1}, 4));
        assertThrows(IllegalArgumentException.class, () -> QueryGrid.of(new double[] {1}, 0));
    }
}
