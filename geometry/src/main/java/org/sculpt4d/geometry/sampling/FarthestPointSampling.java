package org.sculpt4d.geometry.sampling;

/**
 * Farthest point sampling with the semantics of torch_cluster's CPU kernel, which Hunyuan3D's VAE encoder uses to
 * pick its query points (spec hunyuan3d21-shape.md §2.7 step 4):
 * <pre>
 *   out[0] = start
 *   dist   = |p − p[start]|²                  per point, float32: ((dx·dx + dy·dy) + dz·dz), every operation rounded
 *   for i = 1 .. count − 1:
 *     out[i] = argmax(dist)                  the first maximum: ties go to the lowest index
 *     dist   = min(dist, |p − p[out[i]]|²)   the running minimum
 * </pre>
 * Indices come back in selection order. As upstream, nothing excludes a point already selected: once every distance
 * is 0 (more picks than distinct points) the argmax is index 0, again and again. The arithmetic is Java's strict
 * float32 (no fused multiply-add), which is what {@code (y − y[i]).pow(2).sum(1)} computes, so the picks agree with
 * upstream's exactly, near-ties included.
 */
public final class FarthestPointSampling {
    private FarthestPointSampling() {
    }

    /**
     * @param xyz   {@code n × 3} coordinates, point {@code i} at {@code [3i, 3i + 3)}
     * @param start the first pick, in {@code [0, n)}
     * @param count how many picks (may exceed n, see above)
     * @return the picked point indices in selection order
     */
    public static int[] select(float[] xyz, int start, int count) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("farthest point sampling: " + xyz.length
                    + " coordinates are not whole xyz triples");
        }
        int n = xyz.length / 3;
        if (start < 0 || start >= n) {
            throw new IllegalArgumentException("farthest point sampling: start " + start + " is not a point index in [0, "
                    + n + ")");
        }
        if (count < 0) throw new IllegalArgumentException("farthest point sampling: negative count " + count);
        for (int i = 0; i < xyz.length; i++) {
            if (!Float.isFinite(xyz[i])) {
                throw new IllegalArgumentException("farthest point sampling: point " + i / 3 + " has a non-finite coordinate "
                        + xyz[i]);
            }
        }
        int[] out = new int[count];
        if (count == 0) return out;
        float[] dist = new float[n];
        out[0] = start;
        int next = update(xyz, start, dist, true);
        for (int i = 1; i < count; i++) {
            out[i] = next;
            next = update(xyz, next, dist, false);
        }
        return out;
    }

    /**
     * Lowers {@code dist} to the squared distances from point {@code p} (or sets it, on the first pick) and returns
     * the index of its first maximum: the next pick.
     */
    private static int update(float[] xyz, int p, float[] dist, boolean first) {
        float px = xyz[3 * p], py = xyz[3 * p + 1], pz = xyz[3 * p + 2];
        int best = 0;
        float bestDist = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < dist.length; i++) {
            float dx = xyz[3 * i] - px, dy = xyz[3 * i + 1] - py, dz = xyz[3 * i + 2] - pz;
            float d = (dx * dx + dy * dy) + dz * dz;
            float m = first ? d : Math.min(dist[i], d);
            dist[i] = m;
            if (m > bestDist) {
                bestDist = m;
                best = i;
            }
        }
        return best;
    }
}
