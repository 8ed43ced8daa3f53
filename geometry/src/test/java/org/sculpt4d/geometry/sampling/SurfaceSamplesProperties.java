package org.sculpt4d.geometry.sampling;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SurfaceSamplesProperties {
    @Provide
    Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes().filter(m -> MeshMeasures.area(m) > 1e-3);
    }

    /** Both kinds of samples on one mesh: uniform ones, and sharp-edge ones (random meshes are mostly sharp). */
    private static SurfaceSamples[] samplesOf(TriangleMesh mesh, long seed) {
        return new SurfaceSamples[] {
            new UniformSurfaceSampler(mesh).sample(200, seed), new SharpEdgeSampler(mesh).sample(200, seed)};
    }

    @Property(tries = 30)
    void evaluatingOnTheSameMeshReproducesTheSamples(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        for (SurfaceSamples s : samplesOf(mesh, seed)) {
            SurfaceSamples again = s.evaluateOn(mesh.withPositions(mesh.positions().clone()));
            assertArrayEquals(s.positions(), again.positions());
            assertArrayEquals(s.normals(), again.normals());
            assertSame(s.weights(), again.weights());
        }
    }

    /**
     * A rotation about z, a uniform scale and a translation: points follow the map, and face normals and
     * angle-weighted vertex normals (scale-invariant, rotation-equivariant) follow the rotation. Tolerance: float
     * rounding of coordinates up to ~60 in magnitude (6e-8 relative) carried through the weights.
     */
    @Property(tries = 30)
    void samplesFollowASimilarityTransform(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 6.3) double angle, @ForAll @DoubleRange(min = 0.5, max = 3) double scale) {
        double c = Math.cos(angle), s = Math.sin(angle);
        float[] p = mesh.positions(), q = new float[p.length];
        for (int i = 0; i < p.length; i += 3) {
            q[i] = (float) (scale * (c * p[i] - s * p[i + 1]) + 5);
            q[i + 1] = (float) (scale * (s * p[i] + c * p[i + 1]) - 3);
            q[i + 2] = (float) (scale * p[i + 2] + 1);
        }
        TriangleMesh moved = mesh.withPositions(q);
        for (SurfaceSamples before : samplesOf(mesh, seed)) {
            SurfaceSamples after = before.evaluateOn(moved);
            SampleChecks.assertOnFaces(after);
            float[] a = before.positions(), b = after.positions();
            for (int i = 0; i < a.length; i += 3) {
                assertEquals(scale * (c * a[i] - s * a[i + 1]) + 5, b[i], 1e-4);
                assertEquals(scale * (s * a[i] + c * a[i + 1]) - 3, b[i + 1], 1e-4);
                assertEquals(scale * a[i + 2] + 1, b[i + 2], 1e-4);
            }
        }
    }

    @Test
    void normalsFollowARotationOfAWellShapedMesh() {
        TriangleMesh ico = TestMeshes.icosahedron();
        float[] p = ico.positions(), q = new float[p.length];
        for (int i = 0; i < p.length; i += 3) { // a quarter turn about z: (x, y, z) → (−y, x, z), exact in floats
            q[i] = -p[i + 1];
            q[i + 1] = p[i];
            q[i + 2] = p[i + 2];
        }
        for (SurfaceSamples before : samplesOf(ico, 9)) {
            SurfaceSamples after = before.evaluateOn(ico.withPositions(q));
            float[] a = before.normals(), b = after.normals();
            for (int i = 0; i < a.length; i += 3) {
                assertEquals(-a[i + 1], b[i], 1e-6);
                assertEquals(a[i], b[i + 1], 1e-6);
                assertEquals(a[i + 2], b[i + 2], 1e-6);
            }
        }
    }

    @Property(tries = 20)
    void pointsStayOnTheirFacesUnderAnyDeformation(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        Random rnd = new Random(seed);
        float[] q = mesh.positions().clone();
        for (int i = 0; i < q.length; i++) q[i] += (float) rnd.nextGaussian();
        for (SurfaceSamples s : samplesOf(mesh, seed)) SampleChecks.assertOnFaces(s.evaluateOn(mesh.withPositions(q)));
    }

    @Test
    void anotherTopologyIsRefused() {
        SurfaceSamples s = new UniformSurfaceSampler(TestMeshes.cube()).sample(10, 1);
        assertThrows(IllegalArgumentException.class, () -> s.evaluateOn(TestMeshes.icosahedron()));
    }

    @Test
    void invalidWeightsAreRefused() {
        TriangleMesh cube = TestMeshes.cube();
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceSamples.withFaceNormals(cube, new int[] {0}, new double[] {0.5, 0.6, -0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceSamples.withFaceNormals(cube, new int[] {0}, new double[] {0.5, 0.4, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> SurfaceSamples.withFaceNormals(cube, new int[] {12}, new double[] {1, 0, 0}));
    }
}
