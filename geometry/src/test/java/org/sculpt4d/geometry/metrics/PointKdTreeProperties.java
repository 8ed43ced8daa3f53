package org.sculpt4d.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** {@link PointKdTree} nearest distances equal brute force, also with duplicate and grid-aligned (tied) points. */
class PointKdTreeProperties {
    @Property(tries = 150)
    void nearestDistanceEqualsBruteForce(@ForAll @IntRange(min = 1, max = 400) int n, @ForAll long seed,
            @ForAll boolean lattice) {
        Random r = new Random(seed);
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            // lattice points make many coordinates tie on the splitting planes
            p[i] = lattice ? r.nextInt(4) : (float) r.nextGaussian();
        }
        if (n > 2) System.arraycopy(p, 0, p, 3, 3); // a duplicate point
        PointKdTree tree = new PointKdTree(p);
        assertEquals(n, tree.size());
        for (int q = 0; q < 30; q++) {
            double x = r.nextGaussian() * 2, y = r.nextGaussian() * 2, z = r.nextGaussian() * 2;
            if (q % 5 == 0) { // exactly on a data point
                int i = r.nextInt(n);
                x = p[3 * i];
                y = p[3 * i + 1];
                z = p[3 * i + 2];
            }
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double dx = p[3 * i] - x, dy = p[3 * i + 1] - y, dz = p[3 * i + 2] - z;
                best = Math.min(best, Math.sqrt(dx * dx + dy * dy + dz * dz));
            }
            assertEquals(best, tree.nearestDistance(x, y, z), 0.0);
        }
    }

    @Example
    void rejectsEmptyRaggedAndNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> new PointKdTree(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new PointKdTree(new float[4]));
        assertThrows(IllegalArgumentException.class, () -> new PointKdTree(new float[] {0, Float.NaN, 0}));
    }
}
