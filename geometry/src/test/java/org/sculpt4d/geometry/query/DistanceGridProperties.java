package org.sculpt4d.geometry.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

/** {@link DistanceGrid} against brute-force distances and exact winding numbers on small grids. */
class DistanceGridProperties {
    @Property(tries = 60)
    void unsignedGridMatchesBruteForce(@ForAll("meshes") TriangleMesh mesh, @ForAll @IntRange(min = 2, max = 7) int n,
            @ForAll @IntRange(min = 1, max = 3) int threads) {
        Bvh bvh = new Bvh(mesh);
        double[][] box = DistanceGrid.paddedBounds(bvh, 0.05);
        DistanceGrid g = DistanceGrid.unsigned(bvh, box[0], box[1], n, threads);
        assertEquals(box[0][0], g.coordinate(0, 0));
        assertEquals(box[1][2], g.coordinate(2, n - 1), 1e-12 * (1 + Math.abs(box[1][2])));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double[] p = {g.coordinate(0, i), g.coordinate(1, j), g.coordinate(2, k)};
                    double expected = BruteForce.closestDistance(mesh, p);
                    assertEquals((float) expected, g.at(i, j, k), 1e-5 * (1 + expected));
                }
            }
        }
        assertArrayEquals(g.values(), DistanceGrid.unsigned(bvh, box[0], box[1], n, 1).values());
    }

    @Property(tries = 40)
    void truncatedGridIsTheUnsignedGridClamped(@ForAll("meshes") TriangleMesh mesh,
            @ForAll @IntRange(min = 2, max = 9) int n, @ForAll @IntRange(min = 1, max = 40) int capPercent) {
        Bvh bvh = new Bvh(mesh);
        double[][] box = DistanceGrid.paddedBounds(bvh, 0.05);
        double cap = capPercent / 100.0 * (box[1][0] - box[0][0] + 1e-3);
        DistanceGrid u = DistanceGrid.unsigned(bvh, box[0], box[1], n, 2);
        DistanceGrid t = DistanceGrid.truncated(bvh, box[0], box[1], n, cap, 2);
        for (int i = 0; i < u.values().length; i++) {
            assertEquals(Math.min(u.values()[i], (float) cap), t.values()[i], "sample " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> DistanceGrid.truncated(bvh, box[0], box[1], n, 0, 1));
    }

    @Property(tries = 8)
    void signedGridIsUnsignedWithTheExactWindingSignAndLipschitz(@ForAll("closed") TriangleMesh mesh) {
        Bvh bvh = new Bvh(mesh);
        WindingNumber wn = new WindingNumber(bvh);
        double[][] box = DistanceGrid.paddedBounds(bvh, 0.1);
        int n = 9;
        DistanceGrid u = DistanceGrid.unsigned(bvh, box[0], box[1], n, 2);
        DistanceGrid s = DistanceGrid.signed(bvh, wn, box[0], box[1], n, 2);
        assertTrue(s.isSigned());
        double[] h = new double[3];
        for (int d = 0; d < 3; d++) h[d] = (box[1][d] - box[0][d]) / (n - 1);
        int negatives = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    assertEquals(u.at(i, j, k), Math.abs(s.at(i, j, k)));
                    double x = s.coordinate(0, i), y = s.coordinate(1, j), z = s.coordinate(2, k);
                    if (u.at(i, j, k) > 1e-3) {
                        assertEquals(wn.exact(x, y, z) > 0.5, s.at(i, j, k) < 0, "sign at " + x + "," + y + "," + z);
                    }
                    negatives += s.at(i, j, k) < 0 ? 1 : 0;
                    // 1-Lipschitz along each axis
                    if (i > 0) assertTrue(Math.abs(s.at(i, j, k) - s.at(i - 1, j, k)) <= h[0] * (1 + 1e-5));
                    if (j > 0) assertTrue(Math.abs(s.at(i, j, k) - s.at(i, j - 1, k)) <= h[1] * (1 + 1e-5));
                    if (k > 0) assertTrue(Math.abs(s.at(i, j, k) - s.at(i, j, k - 1)) <= h[2] * (1 + 1e-5));
                }
            }
        }
        assertTrue(negatives > 0, "some samples inside");
    }

    @Example
    void badGridsAreRejectedWithTheReason() {
        Bvh bvh = new Bvh(TestMeshes.cube());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistanceGrid.unsigned(bvh, new double[] {0, 0, 0}, new double[] {1, 1, 1}, 1, 1));
        assertTrue(e.getMessage().contains("at least 2"));
        e = assertThrows(IllegalArgumentException.class,
                () -> DistanceGrid.unsigned(bvh, new double[] {0, 2, 0}, new double[] {1, 1, 1}, 4, 1));
        assertTrue(e.getMessage().contains("axis 1"));
    }

    @Provide
    net.jqwik.api.Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes();
    }

    @Provide
    net.jqwik.api.Arbitrary<TriangleMesh> closed() {
        return net.jqwik.api.Arbitraries.of(TestMeshes.cube(), TestMeshes.icosahedron(), TestMeshes.torus(24, 12),
                TestMeshes.uvSphere(12, 16, false), TestMeshes.bunny());
    }
}
