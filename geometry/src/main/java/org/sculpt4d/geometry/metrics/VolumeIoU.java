package org.sculpt4d.geometry.metrics;

import java.util.SplittableRandom;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.WindingNumber;

/**
 * Volumetric intersection over union of two meshes (spec sculpt4d-method.md §6): points of the joint bounding box of
 * both meshes' vertices are classified inside each mesh by the hierarchical generalised winding number (inside when
 * above ½, so open or slightly broken meshes still have a volume), and {@code IoU = |A ∩ B| / |A ∪ B|} is counted over
 * them. Two point sets: seeded uniform random points, or the cell centres of an n³ grid. Any box holding both meshes
 * estimates the same ratio; the tight joint box wastes the fewest points. A mesh without triangles encloses nothing;
 * when neither mesh encloses any of the points the IoU is 1 (two empty volumes agree).
 */
public final class VolumeIoU {
    /** The protocol's number of uniform points. */
    public static final int DEFAULT_POINTS = 100_000;
    /** The protocol's grid alternative, points per axis. */
    public static final int DEFAULT_GRID = 128;

    private VolumeIoU() {
    }

    /** IoU over {@code count} uniform random points of the joint box, drawn from {@code seed}. */
    public static double uniform(TriangleMesh a, TriangleMesh b, int count, long seed, int threads) {
        if (count < 1) throw new IllegalArgumentException("IoU needs at least one point, got " + count);
        double[] box = jointBox(a, b);
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[3 * count];
        for (int i = 0; i < xyz.length; i++) {
            int d = i % 3;
            xyz[i] = (float) (box[d] + r.nextDouble() * (box[3 + d] - box[d]));
        }
        return over(a, b, xyz, threads);
    }

    /** IoU over the centres of the n³ cells of the joint box. */
    public static double grid(TriangleMesh a, TriangleMesh b, int n, int threads) {
        if (n < 1) throw new IllegalArgumentException("IoU grid needs at least one cell per axis, got " + n);
        double[] box = jointBox(a, b);
        float[] xyz = new float[3 * n * n * n];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    xyz[p++] = (float) (box[0] + (i + 0.5) / n * (box[3] - box[0]));
                    xyz[p++] = (float) (box[1] + (j + 0.5) / n * (box[4] - box[1]));
                    xyz[p++] = (float) (box[2] + (k + 0.5) / n * (box[5] - box[2]));
                }
            }
        }
        return over(a, b, xyz, threads);
    }

    /** IoU counted over the given points. */
    public static double over(TriangleMesh a, TriangleMesh b, float[] xyz, int threads) {
        boolean[] inA = inside(a, xyz, threads), inB = inside(b, xyz, threads);
        int both = 0, either = 0;
        for (int i = 0; i < inA.length; i++) {
            if (inA[i] && inB[i]) both++;
            if (inA[i] || inB[i]) either++;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** Winding number above ½ at each point; all false for a mesh without triangles. */
    static boolean[] inside(TriangleMesh mesh, float[] xyz, int threads) {
        boolean[] in = new boolean[xyz.length / 3];
        if (mesh.faceCount() == 0) return in;
        double[] w = new WindingNumber(new Bvh(mesh)).at(xyz, threads);
        for (int i = 0; i < in.length; i++) in[i] = w[i] > 0.5;
        return in;
    }

    /** min x, y, z, max x, y, z of both meshes' vertices. */
    static double[] jointBox(TriangleMesh a, TriangleMesh b) {
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (TriangleMesh m : new TriangleMesh[] {a, b}) {
            float[] p = m.positions();
            for (int i = 0; i < p.length; i++) {
                box[i % 3] = Math.min(box[i % 3], p[i]);
                box[3 + i % 3] = Math.max(box[3 + i % 3], p[i]);
            }
        }
        if (!(box[0] <= box[3])) throw new IllegalArgumentException("IoU needs at least one vertex in the two meshes");
        return box;
    }
}
