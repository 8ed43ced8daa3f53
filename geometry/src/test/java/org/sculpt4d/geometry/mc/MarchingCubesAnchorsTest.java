package org.sculpt4d.geometry.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The measured anchors of geometry-references.md §1.3 and §1.4 (scikit-image Lewiner, VTK and PyMCubes all agree on
 * these counts; the fields have no ambiguous cells). Fields are −SDF (positive inside) as float32 on
 * {@code linspace(lo, hi, n)} per axis, level 0, world coordinates through {@link MarchingCubes#bounds}.
 */
class MarchingCubesAnchorsTest {

    private static IsoSurface extract(Fields.Sdf sdf, int n, double b) {
        return new MarchingCubes().bounds(b).extract(Fields.sample(sdf, n, -b, b), n, n, n);
    }

    /** Largest |sdf| over the vertices, in voxels (exact SDFs: the distance to the true surface). */
    private static double maxErrorVoxels(IsoSurface s, Fields.Sdf sdf, double h) {
        float[] v = s.vertices();
        double max = 0;
        for (int i = 0; i < v.length; i += 3) {
            max = Math.max(max, Math.abs(sdf.at(v[i], v[i + 1], v[i + 2])));
        }
        return max / h;
    }

    private static void assertClosed(IsoSurface s, int euler) {
        assertEquals(0, s.boundaryEdgeCount(), "boundary edges");
        assertEquals(0, s.nonManifoldEdgeCount(), "non-manifold edges");
        assertEquals(0, s.repeatedDirectedEdgeCount(), "repeated directed edges");
        assertEquals(0, s.degenerateFaceCount(), "degenerate faces");
        assertEquals(euler, s.eulerCharacteristic(), "Euler characteristic");
        assertEquals(1, s.componentCount(), "components");
        assertEquals(0, s.centreVertexCount(), "smooth fields have no ambiguous cells");
    }

    @Test
    void sphereOn128() {
        IsoSurface s = extract(Fields.SPHERE, 128, 1);
        assertEquals(19_008, s.vertexCount());
        assertEquals(38_012, s.faceCount());
        assertClosed(s, 2);
        MarchingCubesRandomFieldProperties.assertDistinctPositions(s);
        // table: area 3.14062 (true π), volume 0.52329 (true 0.52360); outward winding gives a positive volume
        assertEquals(3.14062, s.area(), 2e-5);
        assertEquals(0.52329, s.signedVolume(), 2e-5);
        assertTrue(Math.abs(s.area() / Math.PI - 1) < 5e-4, "area within 0.05 % of π");
        assertTrue(Math.abs(s.signedVolume() / (Math.PI / 6) - 1) < 1e-3, "volume within 0.1 % of 4/3·π·r³");
        // table: max vertex error 0.0039 voxel
        assertTrue(maxErrorVoxels(s, Fields.SPHERE, 2.0 / 127) < 0.0040);
    }

    @Test
    void torusOn128() {
        IsoSurface s = extract(Fields.TORUS, 128, 1);
        assertEquals(28_920, s.vertexCount());
        assertEquals(57_840, s.faceCount());
        assertClosed(s, 0);
        MarchingCubesRandomFieldProperties.assertDistinctPositions(s);
        // table: area 4.93360 (true 4.93480), volume 0.61637 (true 0.61685)
        assertEquals(4.93360, s.area(), 5e-5);
        assertEquals(0.61637, s.signedVolume(), 5e-5);
        // table: max vertex error 0.0076 voxel
        assertTrue(maxErrorVoxels(s, Fields.TORUS, 2.0 / 127) < 0.0077);
    }

    @Test
    void sphereOn129WithSamplesExactlyOnTheSurface() {
        float[] g = Fields.sample(Fields.SPHERE, 129, -1, 1);
        int zeros = 0;
        for (float v : g) {
            zeros += v == 0 ? 1 : 0;
        }
        assertEquals(6, zeros, "the ±0.5 axis points are exactly at the level");
        IsoSurface s = new MarchingCubes().bounds(1).extract(g, 129, 129, 129);
        assertEquals(19_230, s.vertexCount());
        assertEquals(38_456, s.faceCount());
        assertClosed(s, 2);
        // the 6 zero samples each carry the vertices of their crossing edges, as in skimage: positions repeat there
    }

    @Test
    void hunyuanGridR128() {
        IsoSurface s = extract(Fields.SPHERE, 129, 1.01);
        assertEquals(18_894, s.vertexCount());
        assertEquals(37_784, s.faceCount());
        assertClosed(s, 2);
        assertTrue(s.signedVolume() > 0.52, "outward winding");
    }

    @Test
    void windingIsOutwardForPositiveInsideAndInwardAfterFlip() {
        // geometry-references.md §1.4 winding matrix at 64³: |volume| 0.5233, positive = outward
        IsoSurface s = extract(Fields.SPHERE, 64, 1);
        assertEquals(0.5233, s.signedVolume(), 1e-3);
        assertEquals(-s.signedVolume(), s.flipped().signedVolume(), 1e-12);
    }

    @Test
    void indexCoordinatesByDefault() {
        int n = 40;
        IsoSurface inIndex = new MarchingCubes().extract(Fields.sample(Fields.SPHERE, n, -1, 1), n, n, n);
        IsoSurface inWorld = extract(Fields.SPHERE, n, 1);
        assertEquals(inWorld.vertexCount(), inIndex.vertexCount());
        double h = 2.0 / (n - 1);
        for (int i = 0; i < inIndex.vertices().length; i++) {
            assertEquals(inWorld.vertices()[i], -1 + h * inIndex.vertices()[i], 1e-6);
        }
        // spacing/origin give the same world mapping as bounds
        IsoSurface spaced = new MarchingCubes().origin(-1, -1, -1).spacing(h, h, h)
                .extract(Fields.sample(Fields.SPHERE, n, -1, 1), n, n, n);
        for (int i = 0; i < spaced.vertices().length; i++) {
            assertEquals(inWorld.vertices()[i], spaced.vertices()[i], 1e-6);
        }
    }
}
