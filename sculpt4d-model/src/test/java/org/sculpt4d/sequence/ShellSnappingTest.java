package org.sculpt4d.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.BvhQuery;
import org.sculpt4d.geometry.watertight.WatertightConversion;

/** Step 4 of Consistent Surface Sampling on a cube that stretches: points land on each frame's ε-shell. */
class ShellSnappingTest {
    private static final WatertightConversion SHELL = new WatertightConversion().grid(32);

    /** The split cube of ConsistentSurfaceSamplerTest stretched along x by 1 + 0.25·t. */
    private static MeshSequence stretching(int frames) {
        TriangleMesh cube = ConsistentSurfaceSamplerTest.cube(3);
        List<TriangleMesh> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] p = cube.positions().clone();
            for (int i = 0; i < p.length; i += 3) p[i] *= 1 + 0.25f * t;
            out.add(cube.withPositions(p));
        }
        return new MeshSequence(out);
    }

    private static ConsistentSurfaceSampler.Snapped snapped(ConsistentSurfaceSampler.Mode mode, long seed) {
        return new ConsistentSurfaceSampler(400, 100, mode, false).sampleSnapped(stretching(3), seed, SHELL);
    }

    @Test
    void pointsLieOnTheirFramesShellWithAgreeingNormals() {
        ConsistentSurfaceSampler.Snapped s = snapped(ConsistentSurfaceSampler.Mode.CONSISTENT, 3);
        for (int t = 0; t < 3; t++) {
            SurfaceSequence.Frame f = s.sequence().frames().get(t);
            double eps = SHELL.epsilonFor(f.uniform().mesh());
            BvhQuery q = new Bvh(s.shells().get(t)).query();
            float[] rows = f.surface().toArray();
            float[] propagatedNormals = concat(f.uniform().normals(), f.sharp().normals());
            for (int i = 0; i < rows.length / 7; i++) {
                q.closest(rows[7 * i], rows[7 * i + 1], rows[7 * i + 2]);
                assertTrue(q.distance() < 1e-5, "row " + i + " of frame " + t + " is " + q.distance() + " off its shell");
                double dot = 0;
                for (int k = 0; k < 3; k++) dot += rows[7 * i + 3 + k] * propagatedNormals[3 * i + k];
                assertTrue(dot > 0, "row " + i + " of frame " + t + " took a normal facing away");
            }
            // the shell of a cube lies ε outside it (more at edges and corners, up to √3·ε)
            assertTrue(s.meanMove()[t] > 0.7 * eps && s.maxMove()[t] <= SurfaceSnapping.MAX_MOVE * eps,
                    "moves " + s.meanMove()[t] + " (mean), " + s.maxMove()[t] + " (max) vs ε " + eps);
        }
        assertEquals(0, s.remaining());
    }

    /** After snapping, row n is still one (face, barycentric) pair in every frame, and a seed gives one result. */
    @Test
    void rowsStayTheSameMaterialPointAndRunsRepeat() {
        ConsistentSurfaceSampler.Snapped a = snapped(ConsistentSurfaceSampler.Mode.CONSISTENT, 9);
        List<SurfaceSequence.Frame> frames = a.sequence().frames();
        for (int t = 1; t < 3; t++) {
            assertArrayEquals(frames.get(0).uniform().faces(), frames.get(t).uniform().faces());
            assertArrayEquals(frames.get(0).uniform().weights(), frames.get(t).uniform().weights());
            assertArrayEquals(frames.get(0).sharp().faces(), frames.get(t).sharp().faces());
        }
        ConsistentSurfaceSampler.Snapped b = snapped(ConsistentSurfaceSampler.Mode.CONSISTENT, 9);
        assertArrayEquals(a.sequence().stacked().toArray(), b.sequence().stacked().toArray());
    }

    /**
     * A cube with a small cube inside: the watertight conversion keeps only the outer shell, so points drawn on the
     * inner cube would move more than 3ε; they are redrawn until none is left (or counted).
     */
    @Test
    void pointsFarFromTheShellAreRedrawn() {
        TriangleMesh outer = ConsistentSurfaceSamplerTest.cube(2);
        float[] p = outer.positions();
        int[] f = outer.faces();
        float[] both = java.util.Arrays.copyOf(p, 2 * p.length);
        for (int i = 0; i < p.length; i++) both[p.length + i] = 0.35f + 0.3f * p[i];
        int[] faces = java.util.Arrays.copyOf(f, 2 * f.length);
        for (int i = 0; i < f.length; i++) faces[f.length + i] = f[i] + p.length / 3;
        MeshSequence nested = new MeshSequence(List.of(new TriangleMesh(both, faces)));
        ConsistentSurfaceSampler.Snapped s = new ConsistentSurfaceSampler(400, 0, ConsistentSurfaceSampler.Mode.CONSISTENT,
                false).sampleSnapped(nested, 1, SHELL);
        double eps = SHELL.epsilonFor(s.sequence().frames().get(0).uniform().mesh());
        assertTrue(s.redrawn()[0] > 0, "inner-cube points were rejected in round 0: " + java.util.Arrays.toString(s.redrawn()));
        assertTrue(s.maxMove()[0] <= SurfaceSnapping.MAX_MOVE * eps || s.remaining() > 0,
                "a point moving more than 3ε is either redrawn or counted");
        assertEquals(0, s.remaining(), "inner cube: 8 % of the area, so after 4 rounds none should be left");
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
