package org.sculpt4d.geometry;

import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshTopologyTest {
    @Test
    void closedPolyhedraHaveEulerCharacteristicTwoAndGenusZero() {
        for (TriangleMesh m : new TriangleMesh[] {TestMeshes.cube(), TestMeshes.icosahedron()}) {
            MeshTopology t = new MeshTopology(m);
            assertTrue(t.isClosedManifold(), t.toString());
            assertEquals(2, t.eulerCharacteristic());
            assertEquals(1, t.componentCount());
            assertEquals(0, t.genus());
            assertEquals(3 * m.faceCount() / 2, t.edgeCount(), "every edge in two triangles");
        }
    }

    @Test
    void torusHasGenusOne() {
        MeshTopology t = new MeshTopology(TestMeshes.torus(12, 8));
        assertTrue(t.isClosedManifold());
        assertEquals(0, t.eulerCharacteristic());
        assertEquals(1, t.genus());
    }

    @Test
    void removingAFaceOpensThreeBoundaryEdges() {
        TriangleMesh cube = TestMeshes.cube();
        MeshTopology t = new MeshTopology(new TriangleMesh(cube.positions(), Arrays.copyOf(cube.faces(), 33)));
        assertEquals(3, t.boundaryEdgeCount());
        assertFalse(t.isClosedManifold());
        assertThrows(IllegalStateException.class, t::genus);
    }

    @Test
    void flippingOneFaceRepeatsItsThreeDirectedEdges() {
        TriangleMesh cube = TestMeshes.cube();
        int[] f = cube.faces().clone();
        int tmp = f[0];
        f[0] = f[1];
        f[1] = tmp;
        MeshTopology t = new MeshTopology(new TriangleMesh(cube.positions(), f));
        assertEquals(3, t.repeatedDirectedEdgeCount());
        assertEquals(0, t.boundaryEdgeCount());
    }

    @Test
    void aFinOnAnEdgeMakesItNonManifold() {
        TriangleMesh cube = TestMeshes.cube();
        float[] p = Arrays.copyOf(cube.positions(), 27);
        p[24] = 0.5f;
        p[25] = -1;
        p[26] = 0.5f;
        int[] f = Arrays.copyOf(cube.faces(), 39);
        f[36] = 0;
        f[37] = 4;
        f[38] = 8; // a third face on edge 0–4
        MeshTopology t = new MeshTopology(new TriangleMesh(p, f));
        assertEquals(1, t.nonManifoldEdgeCount());
        assertEquals(2, t.boundaryEdgeCount());
    }

    @Provide
    Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes();
    }

    @Property(tries = 100)
    void countsDoNotDependOnVertexLabelsOrFaceOrder(@ForAll("meshes") TriangleMesh m, @ForAll long seed) {
        Random rnd = new Random(seed);
        int v = m.vertexCount();
        int[] perm = new int[v];
        for (int i = 0; i < v; i++) perm[i] = i;
        for (int i = v - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        float[] p = new float[3 * v];
        for (int i = 0; i < v; i++) System.arraycopy(m.positions(), 3 * i, p, 3 * perm[i], 3);
        int[] f = new int[m.faces().length];
        int faces = m.faceCount();
        for (int i = 0; i < faces; i++) {
            int target = (i + 7) % faces, rot = i % 3; // move the face and rotate its corners (same orientation)
            for (int k = 0; k < 3; k++) f[3 * target + k] = perm[m.faces()[3 * i + (k + rot) % 3]];
        }
        assertEquals(new MeshTopology(m).toString(), new MeshTopology(new TriangleMesh(p, f)).toString());
    }

    @Property(tries = 50)
    void aDisjointUnionAddsEulerCharacteristicsAndComponents(@ForAll("meshes") TriangleMesh a,
            @ForAll("meshes") TriangleMesh b) {
        float[] p = new float[a.positions().length + b.positions().length];
        System.arraycopy(a.positions(), 0, p, 0, a.positions().length);
        System.arraycopy(b.positions(), 0, p, a.positions().length, b.positions().length);
        int[] f = Arrays.copyOf(a.faces(), a.faces().length + b.faces().length);
        for (int i = 0; i < b.faces().length; i++) f[a.faces().length + i] = b.faces()[i] + a.vertexCount();
        MeshTopology ta = new MeshTopology(a), tb = new MeshTopology(b), tu = new MeshTopology(new TriangleMesh(p, f));
        assertEquals(ta.eulerCharacteristic() + tb.eulerCharacteristic(), tu.eulerCharacteristic());
        assertEquals(ta.componentCount() + tb.componentCount(), tu.componentCount());
        assertEquals(ta.boundaryEdgeCount() + tb.boundaryEdgeCount(), tu.boundaryEdgeCount());
        assertEquals(ta.edgeCount() + tb.edgeCount(), tu.edgeCount());
    }

    @Property(tries = 20)
    void torusGenusIsOneAtAnyResolution(@ForAll @IntRange(min = 3, max = 20) int n,
            @ForAll @IntRange(min = 3, max = 20) int m) {
        assertEquals(1, new MeshTopology(TestMeshes.torus(n, m)).genus());
    }
}
