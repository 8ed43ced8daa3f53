package org.sculpt4d.geometry.sampling;

import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TriangleMesh;

import java.util.SplittableRandom;

/**
 * Area-weighted uniform points on a mesh's surface with their faces' unit normals: Hunyuan3D's uniform surface samples
 * (trimesh {@code sample} plus {@code face_normals}, spec hunyuan3d21-shape.md §2.2). A face is drawn with probability
 * area / total area (inverse CDF on the cumulative areas, so zero-area faces are never drawn), and a point uniformly
 * inside it with weights {@code (1 − √r₁, √r₁(1 − r₂), √r₁·r₂)} (Osada et al. 2002; spec geometry-references.md §5).
 *
 * <p>Deterministic: the same mesh, count and seed give the same samples (a {@link SplittableRandom} seeded with the
 * seed, three draws per sample: face, r₁, r₂).
 */
public final class UniformSurfaceSampler {
    private final TriangleMesh mesh;
    private final double[] cumulative;
    private final int lastFace;

    /** @throws IllegalArgumentException when the mesh has no area to sample */
    public UniformSurfaceSampler(TriangleMesh mesh) {
        double[] areas = MeshMeasures.faceAreas(mesh);
        cumulative = new double[areas.length];
        double sum = 0;
        int last = -1;
        for (int f = 0; f < areas.length; f++) {
            sum += areas[f];
            cumulative[f] = sum;
            if (areas[f] > 0) last = f;
        }
        if (last < 0) throw new IllegalArgumentException("cannot sample " + mesh + ": its surface has zero area");
        this.mesh = mesh;
        this.lastFace = last;
    }

    public SurfaceSamples sample(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] faces = new int[count];
        double[] weights = new double[3 * count];
        double total = cumulative[lastFace];
        for (int i = 0; i < count; i++) {
            faces[i] = firstAbove(cumulative, lastFace, rnd.nextDouble() * total);
            double s = Math.sqrt(rnd.nextDouble()), r2 = rnd.nextDouble();
            weights[3 * i] = 1 - s;
            weights[3 * i + 1] = s * (1 - r2);
            weights[3 * i + 2] = s * r2;
        }
        return SurfaceSamples.withFaceNormals(mesh, faces, weights);
    }

    /**
     * The first index whose cumulative value exceeds {@code u}, searching {@code 0..last} ({@code last} when rounding
     * puts {@code u} at the total): entries equal to their predecessor (zero weight) are never returned.
     */
    static int firstAbove(double[] cumulative, int last, double u) {
        int lo = 0, hi = last;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
