package org.sculpt4d.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.TriangleMesh;

class SurfaceSnappingTest {
    private static final double EPS = 2.0 / 256;

    /** The watertight shell of a thin square plate z ∈ [−ε, ε], |x|, |y| ≤ 0.5: a flat closed box, outward. */
    private static TriangleMesh plate() {
        float a = 0.5f, e = (float) EPS;
        float[] v = {-a, -a, -e, a, -a, -e, a, a, -e, -a, a, -e, -a, -a, e, a, -a, e, a, a, e, -a, a, e};
        int[] f = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7,
                0, 7, 3};
        return new TriangleMesh(v, f);
    }

    @Property(tries = 50)
    void pointsNearAThinPartLandOnTheSideTheirNormalFaces(@ForAll @DoubleRange(min = -0.4, max = 0.4) double x,
                                                          @ForAll @DoubleRange(min = -0.4, max = 0.4) double y,
                                                          @ForAll @DoubleRange(min = -0.9, max = 0.9) double zInEps) {
        // the propagated point sits inside the sheet, maybe nearer the wrong face; its normal says which side
        float[] p = {(float) x, (float) y, (float) (zInEps * EPS), (float) x, (float) y, (float) (zInEps * EPS)};
        float[] n = {0, 0, 1, 0, 0, -1};
        SurfaceSnapping.Result r = new SurfaceSnapping(plate(), EPS).snap(p, n);
        assertEquals(EPS, r.positions()[2], 1e-7, "upward normal → top face");
        assertEquals(-EPS, r.positions()[5], 1e-7, "downward normal → bottom face");
        assertArrayEquals(new float[] {0, 0, 1, 0, 0, -1}, r.normals(), 1e-6f);
        assertEquals(0, r.rejectedCount());
    }

    @Test
    void aPointWithoutAnAgreeingSideTakesTheClosestPoint() {
        // normal along +x at the plate's centre: no face nearby agrees within 3ε except the closest ones' sides
        float[] p = {0.1f, 0.1f, (float) (0.5 * EPS)};
        SurfaceSnapping.Result r = new SurfaceSnapping(plate(), EPS).snap(p, new float[] {1, 0, 0});
        assertEquals(EPS, r.positions()[2], 1e-7); // the top face is the closest
        assertEquals(0.5 * EPS, r.moved()[0], 1e-7);
    }

    @Test
    void pointsThatWouldMoveMoreThanThreeEpsilonAreReported() {
        float[] p = {0, 0, (float) (5 * EPS), 0, 0, (float) (3.5 * EPS)};
        SurfaceSnapping.Result r = new SurfaceSnapping(plate(), EPS).snap(p, new float[] {0, 0, 1, 0, 0, 1});
        assertTrue(r.rejected()[0]);
        assertFalse(r.rejected()[1]); // 2.5ε away from the top face
        assertEquals(2.5 * EPS, r.moved()[1], 1e-7);
    }
}
