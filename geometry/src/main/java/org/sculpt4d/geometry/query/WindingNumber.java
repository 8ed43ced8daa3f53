package org.sculpt4d.geometry.query;

import org.sculpt4d.geometry.ParallelRange;

/**
 * Generalised winding number of a triangle mesh (Jacobson, Kavan, Sorkine-Hornung 2013): the sum of the signed
 * solid angles of its triangles seen from a point, divided by 4π. It is 1 inside and 0 outside a closed mesh wound
 * outward (−1 inside one wound inward), and degrades gracefully on open meshes: ½ in the plane of a hole's rim.
 * {@link #inside} thresholds it at ½ (spec hunyuan3d21-shape.md §2.4: the sign of Hunyuan's SDF labels comes from the
 * fast winding number).
 *
 * <p>Evaluation walks the {@link Bvh} (Barill et al. 2018, "Fast winding numbers for soups and clouds"): a node
 * whose area-weighted centre c is farther than β·r from the query point q, r being the radius of a ball around c that
 * holds the node's box, contributes its far-field expansion in r = c − q: the dipole term {@code N · r / |r|³} of its
 * summed area vectors N = Σ a_t plus the second-order term {@code tr(M)/|r|³ − 3 rᵀ M r / |r|⁵} of
 * M = Σ a_t ⊗ (y_t − c) (a_t area vector, y_t centroid of triangle t; exact for flat triangles), divided by 4π. Nearer
 * nodes are opened, and leaves are summed exactly with the solid angle of Van Oosterom &amp; Strackee (1983). Larger β
 * is more accurate and slower; {@link #exact} sums every triangle.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class WindingNumber {
    /** Default accuracy parameter β (Barill et al.'s default). */
    public static final double DEFAULT_BETA = 2;
    private static final double FOUR_PI = 4 * Math.PI;

    private final Bvh bvh;
    private final double beta;
    /** Per node: Σ over its triangles of ½ (b − a) × (c − a). */
    private final double[] areaVector;
    /** Per node: area-weighted centre of its triangles (the box centre when their area is zero). */
    private final double[] centre;
    /** Per node: M = Σ a_t ⊗ (y_t − c), row-major 3×3. */
    private final double[] moment;
    /** Per node: (β · r)², r the distance from the centre to the farthest box corner. */
    private final double[] farRadius2;

    public WindingNumber(Bvh bvh) {
        this(bvh, DEFAULT_BETA);
    }

    public WindingNumber(Bvh bvh, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
        }
        this.bvh = bvh;
        this.beta = beta;
        int n = bvh.nodeCount;
        areaVector = new double[3 * n];
        centre = new double[3 * n];
        moment = new double[9 * n];
        farRadius2 = new double[n];
        double[] centroidOf = new double[3 * bvh.faceOf.length];
        double[] areaVectorOf = new double[3 * bvh.faceOf.length];
        double[] area = new double[n];
        float[] tri = bvh.tri;
        for (int i = n - 1; i >= 0; i--) { // children before parents
            double ax = 0, ay = 0, az = 0, cx = 0, cy = 0, cz = 0, total = 0;
            if (bvh.count[i] > 0) {
                for (int s = bvh.first[i]; s < bvh.first[i] + bvh.count[i]; s++) {
                    int o = 9 * s;
                    double ax0 = tri[o], ay0 = tri[o + 1], az0 = tri[o + 2];
                    double e1x = tri[o + 3] - ax0, e1y = tri[o + 4] - ay0, e1z = tri[o + 5] - az0;
                    double e2x = tri[o + 6] - ax0, e2y = tri[o + 7] - ay0, e2z = tri[o + 8] - az0;
                    double nx = 0.5 * (e1y * e2z - e1z * e2y), ny = 0.5 * (e1z * e2x - e1x * e2z);
                    double nz = 0.5 * (e1x * e2y - e1y * e2x);
                    double a = Math.sqrt(nx * nx + ny * ny + nz * nz);
                    ax += nx;
                    ay += ny;
                    az += nz;
                    for (int d = 0; d < 3; d++) {
                        centroidOf[3 * s + d] = ((double) tri[o + d] + tri[o + 3 + d] + tri[o + 6 + d]) / 3;
                    }
                    areaVectorOf[3 * s] = nx;
                    areaVectorOf[3 * s + 1] = ny;
                    areaVectorOf[3 * s + 2] = nz;
                    cx += a * centroidOf[3 * s];
                    cy += a * centroidOf[3 * s + 1];
                    cz += a * centroidOf[3 * s + 2];
                    total += a;
                }
            } else {
                for (int child : new int[] {i + 1, bvh.first[i]}) {
                    ax += areaVector[3 * child];
                    ay += areaVector[3 * child + 1];
                    az += areaVector[3 * child + 2];
                    cx += area[child] * centre[3 * child];
                    cy += area[child] * centre[3 * child + 1];
                    cz += area[child] * centre[3 * child + 2];
                    total += area[child];
                }
            }
            float[] box = bvh.box;
            if (total > 0) {
                cx /= total;
                cy /= total;
                cz /= total;
            } else {
                cx = 0.5 * ((double) box[6 * i] + box[6 * i + 3]);
                cy = 0.5 * ((double) box[6 * i + 1] + box[6 * i + 4]);
                cz = 0.5 * ((double) box[6 * i + 2] + box[6 * i + 5]);
            }
            area[i] = total;
            areaVector[3 * i] = ax;
            areaVector[3 * i + 1] = ay;
            areaVector[3 * i + 2] = az;
            centre[3 * i] = cx;
            centre[3 * i + 1] = cy;
            centre[3 * i + 2] = cz;
            double[] c = {cx, cy, cz};
            if (bvh.count[i] > 0) {
                for (int s = bvh.first[i]; s < bvh.first[i] + bvh.count[i]; s++) {
                    addMoment(i, areaVectorOf, 3 * s, centroidOf, 3 * s, c);
                }
            } else {
                for (int child : new int[] {i + 1, bvh.first[i]}) {
                    for (int k = 0; k < 9; k++) {
                        moment[9 * i + k] += moment[9 * child + k];
                    }
                    addMoment(i, areaVector, 3 * child, centre, 3 * child, c);
                }
            }
            double rx = Math.max(cx - box[6 * i], box[6 * i + 3] - cx);
            double ry = Math.max(cy - box[6 * i + 1], box[6 * i + 4] - cy);
            double rz = Math.max(cz - box[6 * i + 2], box[6 * i + 5] - cz);
            farRadius2[i] = beta * beta * (rx * rx + ry * ry + rz * rz);
        }
    }

    /** moment[node] += a ⊗ (y − c) for the area vector a and point y at the given offsets. */
    private void addMoment(int node, double[] a, int ao, double[] y, int yo, double[] c) {
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                moment[9 * node + 3 * r + k] += a[ao + r] * (y[yo + k] - c[k]);
            }
        }
    }

    public double beta() {
        return beta;
    }

    /** Hierarchical winding number at (x, y, z). */
    public double at(double x, double y, double z) {
        return at(x, y, z, new int[Bvh.STACK]);
    }

    /** Whether (x, y, z) is inside: hierarchical winding number above ½. */
    public boolean inside(double x, double y, double z) {
        return at(x, y, z) > 0.5;
    }

    /**
     * Hierarchical winding numbers at the points {@code xyz} (3 floats each), computed on {@code threads} worker
     * threads; the result does not depend on the thread count.
     */
    public double[] at(float[] xyz, int threads) {
        if (xyz.length % 3 != 0) {
            throw new IllegalArgumentException("points hold " + xyz.length + " floats, not a multiple of 3");
        }
        double[] w = new double[xyz.length / 3];
        ParallelRange.run(w.length, 4096, threads, (from, to) -> {
            int[] stack = new int[Bvh.STACK];
            for (int i = from; i < to; i++) {
                w[i] = at(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], stack);
            }
        });
        return w;
    }

    /** Exact winding number: the solid angles of all triangles summed directly. */
    public double exact(double x, double y, double z) {
        double sum = 0;
        for (int s = 0; s < bvh.faceOf.length; s++) {
            sum += solidAngle(s, x, y, z);
        }
        return sum / FOUR_PI;
    }

    /** Hierarchical winding number with a caller-owned traversal stack of {@link Bvh#STACK} entries. */
    double at(double x, double y, double z, int[] stack) {
        double sum = 0;
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int n = stack[--sp];
            double dx = centre[3 * n] - x, dy = centre[3 * n + 1] - y, dz = centre[3 * n + 2] - z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > farRadius2[n]) {
                // far field (Barill et al. 2018): dipole and second-order terms about the node centre
                double inv3 = 1 / (d2 * Math.sqrt(d2));
                double[] m = moment;
                int o = 9 * n;
                double trace = m[o] + m[o + 4] + m[o + 8];
                double rMr = dx * (m[o] * dx + m[o + 1] * dy + m[o + 2] * dz)
                        + dy * (m[o + 3] * dx + m[o + 4] * dy + m[o + 5] * dz)
                        + dz * (m[o + 6] * dx + m[o + 7] * dy + m[o + 8] * dz);
                sum += (areaVector[3 * n] * dx + areaVector[3 * n + 1] * dy + areaVector[3 * n + 2] * dz) * inv3
                        + trace * inv3 - 3 * rMr * inv3 / d2;
            } else if (bvh.count[n] > 0) {
                for (int s = bvh.first[n], end = s + bvh.count[n]; s < end; s++) {
                    sum += solidAngle(s, x, y, z);
                }
            } else {
                stack[sp++] = bvh.first[n];
                stack[sp++] = n + 1;
            }
        }
        return sum / FOUR_PI;
    }

    /** Signed solid angle of triangle slot s seen from p (Van Oosterom &amp; Strackee 1983). */
    private double solidAngle(int s, double px, double py, double pz) {
        float[] tri = bvh.tri;
        int o = 9 * s;
        double ax = tri[o] - px, ay = tri[o + 1] - py, az = tri[o + 2] - pz;
        double bx = tri[o + 3] - px, by = tri[o + 4] - py, bz = tri[o + 5] - pz;
        double cx = tri[o + 6] - px, cy = tri[o + 7] - py, cz = tri[o + 8] - pz;
        double la = Math.sqrt(ax * ax + ay * ay + az * az);
        double lb = Math.sqrt(bx * bx + by * by + bz * bz);
        double lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double det = ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
        double den = la * lb * lc + (ax * bx + ay * by + az * bz) * lc + (bx * cx + by * cy + bz * cz) * la
                + (cx * ax + cy * ay + cz * az) * lb;
        return 2 * Math.atan2(det, den);
    }
}
