package org.sculpt4d.geometry;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshMeasuresTest {
    /** Float coordinates of size ≤ 10 summed over a few dozen faces: double accumulation errs far below this. */
    private static final double EXACT = 1e-9;

    @Test
    void unitCubeHasVolumeOneAndAreaSix() {
        TriangleMesh cube = TestMeshes.cube();
        assertEquals(1, MeshMeasures.signedVolume(cube), EXACT);
        assertEquals(6, MeshMeasures.area(cube), EXACT);
        assertEquals(0, MeshMeasures.degenerateFaceCount(cube));
    }

    @Test
    void icosahedronMatchesItsClosedForms() {
        // edge a = 2 (vertices (0, ±1, ±φ)): area 5√3·a², volume 5(3+√5)/12·a³
        TriangleMesh ico = TestMeshes.icosahedron();
        double a = 2, floatRounding = 1e-5; // φ is stored as a float (relative error 3e-8), scaled by ~20
        assertEquals(5 * Math.sqrt(3) * a * a, MeshMeasures.area(ico), floatRounding * 20);
        assertEquals(5 * (3 + Math.sqrt(5)) / 12 * a * a * a, MeshMeasures.signedVolume(ico), floatRounding * 20);
    }

    @Property(tries = 50)
    void closedVolumeIgnoresTranslationAndScalesCubically(@ForAll @FloatRange(min = -5, max = 5) float dx,
            @ForAll @FloatRange(min = -5, max = 5) float dy, @ForAll @FloatRange(min = 0.1f, max = 4) float s) {
        TriangleMesh torus = TestMeshes.torus(9, 7);
        float[] p = torus.positions().clone();
        for (int i = 0; i < p.length; i += 3) {
            p[i] = s * p[i] + dx;
            p[i + 1] = s * p[i + 1] + dy;
            p[i + 2] = s * p[i + 2];
        }
        TriangleMesh moved = torus.withPositions(p);
        double v = MeshMeasures.signedVolume(torus);
        // float rounding of the moved coordinates (|p| ≤ 25, relative 6e-8) over 126 faces of area ≤ 1
        double tolerance = 1e-4 * s * s * s + 1e-4;
        assertEquals(v * s * s * s, MeshMeasures.signedVolume(moved), tolerance);
        assertEquals(MeshMeasures.area(torus) * s * s, MeshMeasures.area(moved), tolerance);
    }

    @Test
    void vertexNormalsOfTheIcosahedronPointAwayFromTheCentre() {
        TriangleMesh ico = TestMeshes.icosahedron();
        double[] n = MeshMeasures.vertexNormals(ico);
        float[] p = ico.positions();
        for (int v = 0; v < ico.vertexCount(); v++) {
            double r = Math.sqrt(p[3 * v] * p[3 * v] + p[3 * v + 1] * p[3 * v + 1] + p[3 * v + 2] * p[3 * v + 2]);
            for (int k = 0; k < 3; k++) assertEquals(p[3 * v + k] / r, n[3 * v + k], 1e-6, "vertex " + v);
        }
    }

    /**
     * At a cube corner the three sides meet with right angles, however each side is cut into triangles: angle
     * weighting gives the diagonal (±1, ±1, ±1)/√3 at all 8 corners, where an unweighted mean would lean towards the
     * side split into two triangles at that corner.
     */
    @Test
    void angleWeightedNormalsIgnoreHowTheSidesAreTriangulated() {
        TriangleMesh cube = TestMeshes.cube();
        double[] n = MeshMeasures.vertexNormals(cube);
        double d = 1 / Math.sqrt(3);
        for (int v = 0; v < 8; v++) {
            for (int k = 0; k < 3; k++) {
                double expected = cube.positions()[3 * v + k] == 1 ? d : -d;
                assertEquals(expected, n[3 * v + k], 1e-12, "corner " + v);
            }
        }
    }

    @Test
    void zeroAreaFacesHaveZeroNormalAndCountAsDegenerate() {
        TriangleMesh m = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0}, new int[] {0, 1, 2, 0, 1, 3});
        double[] fn = MeshMeasures.faceNormals(m);
        assertEquals(0, Math.abs(fn[0]) + Math.abs(fn[1]) + Math.abs(fn[2]));
        assertEquals(1, fn[5], 0);
        assertEquals(1, MeshMeasures.degenerateFaceCount(m));
        assertTrue(MeshMeasures.faceAreas(m)[1] > 0);
    }
}
