package org.sculpt4d.geometry.mc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The random-field stress test of geometry-references.md §1.4: standard normal values padded with an outside value
 * make every kind of ambiguous cell; on such a closed field any table or cache bug shows up as a boundary,
 * non-manifold or repeated directed edge.
 */
class MarchingCubesRandomFieldProperties {

    @Property(tries = 60)
    void paddedRandomFieldIsClosedManifoldAndConsistentlyWound(@ForAll long seed) {
        int n = 26;
        float[] g = Fields.randomPadded(seed, n, -1f);
        IsoSurface s = new MarchingCubes().threads(1).extract(g, n, n, n);
        assertTrue(s.faceCount() > 40_000, "a 24³ random field has tens of thousands of faces");
        assertEquals(0, s.boundaryEdgeCount(), "every edge shared by two faces (no cracks)");
        assertEquals(0, s.nonManifoldEdgeCount(), "no edge shared by more than two faces");
        assertEquals(0, s.repeatedDirectedEdgeCount(), "neighbouring faces wound consistently");
        // (zero-area faces can occur: a value within float rounding of the level snaps its vertex onto the sample)
        assertEquals(0, facesWithARepeatedVertex(s), "no face repeats a vertex");
        assertTrue(s.signedVolume() > 0, "outward for a positive-inside field closed by outside padding");
        // one vertex per crossing edge (no duplicates, none missing) plus the cell-centre vertices
        assertEquals(crossingEdges(g, n, n, n) + s.centreVertexCount(), s.vertexCount());
    }

    @Property(tries = 20)
    void outputIsBitIdenticalForAnyThreadCount(@ForAll long seed, @ForAll @IntRange(min = 2, max = 5) int threads) {
        // odd sizes, several slabs, rows longer than one 64-bit word
        int nx = 37;
        int ny = 11;
        int nz = 131;
        java.util.Random r = new java.util.Random(seed);
        float[] g = new float[nx * ny * nz];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
        }
        IsoSurface one = new MarchingCubes().threads(1).extract(g, nx, ny, nz);
        IsoSurface many = new MarchingCubes().threads(threads).extract(g, nx, ny, nz);
        assertArrayEquals(one.vertices(), many.vertices());
        assertArrayEquals(one.faces(), many.faces());
        assertEquals(one.centreVertexCount(), many.centreVertexCount());
    }

    @Property(tries = 20)
    void negatedFieldHasTheSameEdgeVertices(@ForAll long seed) {
        // geometry-references.md §5: MC(−f) has the same edge crossings; faces may differ in ambiguous cells
        int n = 20;
        java.util.Random r = new java.util.Random(seed);
        float[] g = new float[n * n * n];
        float[] neg = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) r.nextGaussian();
            neg[i] = -g[i];
        }
        IsoSurface a = new MarchingCubes().extract(g, n, n, n);
        IsoSurface b = new MarchingCubes().extract(neg, n, n, n);
        int edgeVertices = a.vertexCount() - a.centreVertexCount();
        assertEquals(edgeVertices, b.vertexCount() - b.centreVertexCount());
        assertArrayEquals(Arrays.copyOf(a.vertices(), 3 * edgeVertices), Arrays.copyOf(b.vertices(), 3 * edgeVertices));
        assertEquals(0, b.nonManifoldEdgeCount());
        assertEquals(0, b.repeatedDirectedEdgeCount());
    }

    @Property(tries = 20)
    void translatingTheOriginTranslatesTheSurface(@ForAll long seed) {
        int n = 14;
        float[] g = Fields.randomPadded(seed, n, -1f);
        IsoSurface a = new MarchingCubes().extract(g, n, n, n);
        IsoSurface b = new MarchingCubes().origin(3, -2, 0.5).extract(g, n, n, n);
        assertArrayEquals(a.faces(), b.faces());
        float[] va = a.vertices();
        float[] vb = b.vertices();
        double[] shift = {3, -2, 0.5};
        for (int i = 0; i < va.length; i++) {
            assertEquals(va[i] + shift[i % 3], vb[i], 1e-5);
        }
    }

    /** Grid edges whose ends differ in class (inside: value &gt; 0), counted directly. */
    static int crossingEdges(float[] g, int nx, int ny, int nz) {
        int n = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    boolean in = g[(i * ny + j) * nz + k] > 0;
                    if (i + 1 < nx && in != (g[((i + 1) * ny + j) * nz + k] > 0)) {
                        n++;
                    }
                    if (j + 1 < ny && in != (g[(i * ny + j + 1) * nz + k] > 0)) {
                        n++;
                    }
                    if (k + 1 < nz && in != (g[(i * ny + j) * nz + k + 1] > 0)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static int facesWithARepeatedVertex(IsoSurface s) {
        int[] f = s.faces();
        int n = 0;
        for (int i = 0; i < f.length; i += 3) {
            n += f[i] == f[i + 1] || f[i + 1] == f[i + 2] || f[i] == f[i + 2] ? 1 : 0;
        }
        return n;
    }

    /** Asserts that no two vertices share a position (true of smooth fields, where nothing snaps). */
    static void assertDistinctPositions(IsoSurface s) {
        float[] v = s.vertices();
        Integer[] order = new Integer[s.vertexCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Comparator<Integer> byPosition = (a, b) -> {
            for (int c = 0; c < 3; c++) {
                int d = Float.compare(v[3 * a + c], v[3 * b + c]);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        };
        Arrays.sort(order, byPosition);
        for (int i = 1; i < order.length; i++) {
            assertTrue(byPosition.compare(order[i - 1], order[i]) != 0, "duplicate vertex position");
        }
    }
}
