package org.sculpt4d.geometry.sampling;

import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.VertexWeld;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Points on a mesh's sharp edges, by Hunyuan3D's rule (spec hunyuan3d21-shape.md §2.3):
 * <ul>
 * <li>vertex v is sharp when {@code min(1, min over faces f around v of n(v)·n(f)) < 0.985} (about 9.9°), with n(v)
 * the angle-weighted vertex normal ({@link MeshMeasures#vertexNormals}, trimesh's {@code vertex_normals}) and n(f)
 * the unit face normal (zero for a zero-area face, which therefore makes its corners sharp);</li>
 * <li>the candidates are the three directed edges of every face (an interior edge counts twice, once per face) whose
 * two ends are sharp;</li>
 * <li>a candidate is drawn with probability proportional to its length, then w ~ U[0, 1): the point is
 * {@code w·a + (1−w)·b} and the normal {@code w·n(a) + (1−w)·n(b)}, not re-normalised.</li>
 * </ul>
 * Connectivity is taken after welding vertices that share a position ({@link VertexWeld}), as trimesh merges them when
 * Hunyuan3D builds its mesh, so a mesh split along its creases for rendering has the same sharp edges as the welded
 * one. Hunyuan3D's numpy takes the minimum with a fancy-indexed assignment, which keeps only the last face per corner
 * column when a vertex recurs; this class takes the true minimum over all faces, which is the rule's intent.
 *
 * <p>A sample is recorded as its face and barycentric weights ({@code w} and {@code 1−w} on the edge's corners, 0 on
 * the third), so {@link SurfaceSamples#evaluateOn} carries it to deformed frames. A mesh without sharp edges gives no
 * samples (Hunyuan3D's numpy fails there).
 */
public final class SharpEdgeSampler {
    /** Spec hunyuan3d21-shape.md §2.3: a vertex is sharp below this normal agreement. */
    public static final double SHARP_BELOW = 0.985;

    private final TriangleMesh mesh;
    private final int[] welded;
    private final boolean[] sharp;
    /** Candidate edges as 3·face + corner: the edge from that corner to the next one. */
    private final int[] candidates;
    private final double[] cumulative;

    public SharpEdgeSampler(TriangleMesh mesh) {
        this.mesh = mesh;
        int[] canonical = VertexWeld.canonicalIds(mesh);
        int[] faces = mesh.faces();
        welded = new int[faces.length];
        for (int c = 0; c < faces.length; c++) welded[c] = canonical[faces[c]];
        TriangleMesh weldedMesh = new TriangleMesh(mesh.positions(), welded);
        double[] vn = MeshMeasures.vertexNormals(weldedMesh);
        double[] fn = MeshMeasures.faceNormals(weldedMesh);
        double[] agreement = new double[mesh.vertexCount()];
        Arrays.fill(agreement, 1);
        for (int c = 0; c < welded.length; c++) {
            int v = welded[c], f = c / 3;
            double dot = vn[3 * v] * fn[3 * f] + vn[3 * v + 1] * fn[3 * f + 1] + vn[3 * v + 2] * fn[3 * f + 2];
            agreement[v] = Math.min(agreement[v], dot);
        }
        sharp = new boolean[mesh.vertexCount()];
        for (int v = 0; v < sharp.length; v++) sharp[v] = agreement[canonical[v]] < SHARP_BELOW;

        int[] chosen = new int[faces.length];
        double[] cum = new double[faces.length];
        int n = 0;
        double sum = 0;
        float[] p = mesh.positions();
        for (int corner = 0; corner < 3; corner++) { // Hunyuan's order: all first edges, then second, then third
            for (int f = 0; f < mesh.faceCount(); f++) {
                int a = faces[3 * f + corner], b = faces[3 * f + (corner + 1) % 3];
                if (sharp[a] && sharp[b]) {
                    double dx = p[3 * b] - (double) p[3 * a], dy = p[3 * b + 1] - (double) p[3 * a + 1];
                    double dz = p[3 * b + 2] - (double) p[3 * a + 2];
                    sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
                    chosen[n] = 3 * f + corner;
                    cum[n++] = sum;
                }
            }
        }
        candidates = Arrays.copyOf(chosen, n);
        cumulative = Arrays.copyOf(cum, n);
    }

    /** Whether vertex {@code v} is sharp (a split copy answers as the vertex it is welded to). */
    public boolean isSharp(int v) {
        return sharp[v];
    }

    /** Number of candidate directed edges (both ends sharp), counting an interior edge once per face. */
    public int candidateEdgeCount() {
        return candidates.length;
    }

    /**
     * {@code count} samples, or none when the mesh has no sharp edge of positive length. Deterministic for a seed
     * (two draws per sample: the edge, then w).
     */
    public SurfaceSamples sample(int count, long seed) {
        int last = lastPositive();
        int n = last < 0 ? 0 : count;
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] faces = new int[n];
        double[] weights = new double[3 * n];
        for (int i = 0; i < n; i++) {
            int edge = candidates[UniformSurfaceSampler.firstAbove(cumulative, last, rnd.nextDouble() * cumulative[last])];
            double w = rnd.nextDouble();
            int corner = edge % 3;
            faces[i] = edge / 3;
            weights[3 * i + corner] = w;
            weights[3 * i + (corner + 1) % 3] = 1 - w;
        }
        return SurfaceSamples.withVertexNormals(mesh, faces, weights, welded);
    }

    private int lastPositive() {
        for (int i = cumulative.length - 1; i >= 0; i--) {
            if (cumulative[i] > (i == 0 ? 0 : cumulative[i - 1])) return i;
        }
        return -1;
    }
}
