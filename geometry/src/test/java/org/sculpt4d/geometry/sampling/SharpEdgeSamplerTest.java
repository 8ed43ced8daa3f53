package org.sculpt4d.geometry.sampling;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharpEdgeSamplerTest {
    /**
     * A strip of the x–y plane, x ∈ [−2, 2] and y ∈ [0, rows], folded along x = 0 so that the two halves' normals are
     * {@code degrees} apart: z = |x|·tan(θ/2). Grid quads are split along their rising diagonal.
     */
    static TriangleMesh fold(double degrees, int rows) {
        int cols = 5;
        double t = Math.tan(Math.toRadians(degrees) / 2);
        float[] p = new float[3 * cols * (rows + 1)];
        for (int j = 0; j <= rows; j++) {
            for (int i = 0; i < cols; i++) {
                int v = j * cols + i;
                p[3 * v] = i - 2;
                p[3 * v + 1] = j;
                p[3 * v + 2] = (float) (Math.abs(i - 2) * t);
            }
        }
        int[] f = new int[6 * (cols - 1) * rows];
        int k = 0;
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i + 1 < cols; i++) {
                int a = j * cols + i, b = a + 1, c = a + cols + 1, d = a + cols;
                int[] two = {a, b, c, a, c, d};
                for (int x : two) f[k++] = x;
            }
        }
        return new TriangleMesh(p, f);
    }

    /** 2·acos(0.985) ≈ 19.87°: a fold's crease vertices have n(v)·n(f) = cos(θ/2), sharp beyond this angle. */
    private static final double THRESHOLD_DEGREES = 2 * Math.toDegrees(Math.acos(SharpEdgeSampler.SHARP_BELOW));

    @Property(tries = 40)
    void aFoldIsSharpExactlyBeyondTheThresholdAngle(@ForAll @DoubleRange(min = 0, max = 90) double degrees,
            @ForAll @IntRange(min = 1, max = 6) int rows, @ForAll long seed) {
        if (Math.abs(degrees - THRESHOLD_DEGREES) < 0.05) return; // float rounding of the fold's z values
        TriangleMesh fold = fold(degrees, rows);
        SharpEdgeSampler sampler = new SharpEdgeSampler(fold);
        boolean creaseSharp = degrees > THRESHOLD_DEGREES;
        for (int v = 0; v < fold.vertexCount(); v++) {
            boolean onCrease = fold.positions()[3 * v] == 0;
            assertEquals(onCrease && creaseSharp, sampler.isSharp(v), "vertex " + v + " at " + degrees + "°");
        }
        assertEquals(creaseSharp ? 2 * rows : 0, sampler.candidateEdgeCount(), "each crease segment, once per side");
        SurfaceSamples s = sampler.sample(200, seed);
        assertEquals(creaseSharp ? 200 : 0, s.size());
        SampleChecks.assertOnFaces(s);
        for (int i = 0; i < s.size(); i++) assertEquals(0, s.positions()[3 * i], 0, "on the crease x = 0");
    }

    @Test
    void everyCubeCornerIsSharpSoSidesAndDiagonalsAreSampledByLength() {
        SharpEdgeSampler sampler = new SharpEdgeSampler(TestMeshes.cube());
        for (int v = 0; v < 8; v++) assertTrue(sampler.isSharp(v), "n(v)·n(f) = 1/√3 at every corner");
        assertEquals(36, sampler.candidateEdgeCount(), "all 3 edges of all 12 triangles");
        assertDiagonalShare(sampler.sample(100_000, 3));
    }

    /**
     * Blender's cube ({@code cube_uv.ply}) has its 8 corners split into 24 vertices, one per side: welded, it has the
     * sharp edges of the plain cube; the normals still come from the welded corners, not from one side.
     */
    @Test
    void splitCornersOfARealCubeAreWeldedFirst() throws IOException {
        TriangleMesh blender = MeshFiles.read(TestMeshes.realFile("assimp-testmodels-5.2.5/PLY/cube_uv.ply"));
        SharpEdgeSampler sampler = new SharpEdgeSampler(blender);
        for (int v = 0; v < blender.vertexCount(); v++) assertTrue(sampler.isSharp(v));
        assertEquals(36, sampler.candidateEdgeCount());
        SurfaceSamples s = sampler.sample(100_000, 5);
        assertDiagonalShare(s);
        assertTrue(s.interpolatesVertexNormals());
        for (int i = 0; i < s.size(); i++) {
            double radial = 0, length = 0;
            for (int k = 0; k < 3; k++) {
                float n = s.normals()[3 * i + k];
                radial += n * s.positions()[3 * i + k]; // the cube is centred on the origin
                length += n * n;
            }
            assertTrue(radial > 0, "blended corner normals point outward");
            assertTrue(Math.sqrt(length) <= 1 + 1e-6, "a blend of unit normals is not longer than 1");
        }
    }

    /**
     * The 6 face diagonals (length √2·side) carry 6√2 / (12 + 6√2) of the candidate length; the observed share must be
     * within 5 binomial standard deviations (false failure 5.7e-7).
     */
    private static void assertDiagonalShare(SurfaceSamples s) {
        TriangleMesh m = s.mesh();
        int diagonal = 0;
        for (int i = 0; i < s.size(); i++) {
            int f = s.faces()[i], zero = 0;
            while (s.weights()[3 * i + zero] != 0) zero++;
            int a = m.faces()[3 * f + (zero + 1) % 3], b = m.faces()[3 * f + (zero + 2) % 3];
            int differing = 0;
            for (int k = 0; k < 3; k++) { // Blender wrote some ±1 coordinates as 0.999999
                differing += Math.abs(m.positions()[3 * a + k] - m.positions()[3 * b + k]) > 1e-3 ? 1 : 0;
            }
            diagonal += differing == 2 ? 1 : 0;
        }
        double share = 6 * Math.sqrt(2) / (12 + 6 * Math.sqrt(2)), n = s.size();
        assertEquals(share, diagonal / n, 5 * Math.sqrt(share * (1 - share) / n));
    }

    @Test
    void aSmoothTorusHasNoSharpEdges() {
        TriangleMesh torus = TestMeshes.torus(64, 32); // neighbouring faces ≤ 11.25° apart: n(v)·n(f) ≥ cos 5.7°
        SharpEdgeSampler sampler = new SharpEdgeSampler(torus);
        assertEquals(0, sampler.candidateEdgeCount());
        assertEquals(0, sampler.sample(1000, 1).size());
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        SharpEdgeSampler sampler = new SharpEdgeSampler(TestMeshes.icosahedron());
        SurfaceSamples a = sampler.sample(1000, 42), b = new SharpEdgeSampler(TestMeshes.icosahedron()).sample(1000, 42);
        assertArrayEquals(a.faces(), b.faces());
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.normals(), b.normals());
    }
}
