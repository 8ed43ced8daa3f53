package org.sculpt4d.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * {@link VolumeIoU} against the closed form for two axis-aligned boxes, its bounds, symmetry, IoU(A, A) = 1,
 * IoU(A, ∅) = 0 and the triangle inequality of the Jaccard distance 1 − IoU.
 */
class VolumeIoUProperties {
    @Property(tries = 25)
    void boxesMatchTheClosedFormAndAreSymmetric(@ForAll @DoubleRange(min = -1.2, max = 1.2) double dx,
            @ForAll @DoubleRange(min = 0.3, max = 2) double sy) {
        TriangleMesh a = TestMeshes.cube(), b = box(dx, 0, 0, 1, sy, 1);
        // closed form: overlap (1 − |dx|)⁺ · min(1, sy); union 1 + sy − overlap
        double overlap = Math.max(0, 1 - Math.abs(dx)) * Math.min(1, sy);
        double exact = overlap / (1 + sy - overlap);
        double grid = VolumeIoU.grid(a, b, 40, 2);
        assertTrue(grid >= 0 && grid <= 1);
        // a 40³ grid misplaces at most one cell layer per face of each box
        assertEquals(exact, grid, 0.08);
        assertEquals(grid, VolumeIoU.grid(b, a, 40, 1), 1e-12);
        double uniform = VolumeIoU.uniform(a, b, 20_000, 3, 2);
        assertEquals(exact, uniform, 0.03); // > 4 binomial standard deviations of 20k points
        assertEquals(uniform, VolumeIoU.uniform(b, a, 20_000, 3, 1), 1e-12);
    }

    @Property(tries = 20)
    void jaccardDistanceSatisfiesTheTriangleInequality(@ForAll @DoubleRange(min = -1, max = 1) double x1,
            @ForAll @DoubleRange(min = -1, max = 1) double x2, @ForAll @DoubleRange(min = -1, max = 1) double x3) {
        TriangleMesh a = box(x1, 0, 0, 1, 1, 1), b = box(x2, 0.2, 0, 1, 1, 1), c = box(x3, 0, 0.3, 1, 1, 1);
        // one fixed point set for all three pairs, so the inequality holds exactly on the counts
        float[] xyz = new float[3 * 24 * 24 * 24];
        int p = 0;
        for (int i = 0; i < 24; i++) {
            for (int j = 0; j < 24; j++) {
                for (int k = 0; k < 24; k++) {
                    xyz[p++] = -1.05f + 3.5f * (i + 0.5f) / 24;
                    xyz[p++] = -0.05f + 1.6f * (j + 0.5f) / 24;
                    xyz[p++] = -0.05f + 1.6f * (k + 0.5f) / 24;
                }
            }
        }
        double ab = 1 - VolumeIoU.over(a, b, xyz, 1), bc = 1 - VolumeIoU.over(b, c, xyz, 1);
        double ac = 1 - VolumeIoU.over(a, c, xyz, 1);
        assertTrue(ac <= ab + bc + 1e-12, ac + " > " + ab + " + " + bc);
    }

    @Example
    void identicalMeshesGiveOneAndAnEmptyMeshZero() {
        TriangleMesh bunny = TestMeshes.bunny();
        assertEquals(1, VolumeIoU.uniform(bunny, bunny, 5_000, 1, 2), 0.0);
        assertEquals(1, VolumeIoU.grid(bunny, bunny, 16, 2), 0.0);
        TriangleMesh empty = new TriangleMesh(bunny.positions(), new int[0]);
        assertEquals(0, VolumeIoU.uniform(bunny, empty, 5_000, 1, 2), 0.0);
        assertEquals(0, VolumeIoU.grid(empty, bunny, 16, 2), 0.0);
    }

    /** The unit cube scaled by (sx, sy, sz) and moved by (x, y, z). */
    static TriangleMesh box(double x, double y, double z, double sx, double sy, double sz) {
        TriangleMesh c = TestMeshes.cube();
        float[] p = Arrays.copyOf(c.positions(), c.positions().length);
        double[] s = {sx, sy, sz}, t = {x, y, z};
        for (int i = 0; i < p.length; i++) p[i] = (float) (p[i] * s[i % 3] + t[i % 3]);
        return new TriangleMesh(p, c.faces());
    }
}
