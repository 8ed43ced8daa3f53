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
    /**
     * The expansions below are per slot, like the BVH's boxes: slot 4i + k is child k of interior node i, and slot
     * {@code 4 · nodeCount} is the root, so a traversal step reads its children's expansions from adjacent slots. An
     * {@link Bvh#EMPTY} slot keeps zeros: no area, and a far field of zero.
     */
    private final int rootSlot;
    /** Per slot: Σ over its triangles of ½ (b − a) × (c − a). */
    private final double[] areaVector;
    /** Per slot: area-weighted centre of its triangles (the box centre when their area is zero). */
    private final double[] centre;
    /** Per slot: M = Σ a_t ⊗ (y_t − c), row-major 3×3. */
    private final double[] moment;
    /** Per slot: (β · r)², r the distance from the centre to the farthest box corner. */
    private final double[] farRadius2;
    /** Per slot: total triangle area (for the parent's centre). */
    private final double[] area;

    public WindingNumber(Bvh bvh) {
        this(bvh, DEFAULT_BETA);
    }

    public WindingNumber(Bvh bvh, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
        }
        this.bvh = bvh;
        this.beta = beta;
        rootSlot = Bvh.ARITY * bvh.nodeCount;
        int n = rootSlot + 1;
        areaVector = new double[3 * n];
        centre = new double[3 * n];
        moment = new double[9 * n];
        farRadius2 = new double[n];
        area = new double[n];
        for (int i = bvh.nodeCount - 1; i >= 0; i--) { // children before parents
            for (int k = 0; k < Bvh.ARITY; k++) {
                expand(Bvh.ARITY * i + k);
            }
        }
        expand(rootSlot);
    }

    /** BVH reference (interior node or leaf) held by a slot. */
    private int ref(int slot) {
        return slot == rootSlot ? bvh.root : bvh.child(slot / Bvh.ARITY, slot % Bvh.ARITY);
    }

    /** Bound d (min x, y, z, max x, y, z) of a slot's box. */
    private double bound(int slot, int d) {
        return slot == rootSlot ? bvh.rootBox[d] : bvh.boxBound(slot / Bvh.ARITY, slot % Bvh.ARITY, d);
    }

    /** Fills a slot's expansion from its triangles (leaf) or from its node's child slots (interior). */
    private void expand(int slot) {
        int r = ref(slot);
        if (r == Bvh.EMPTY) {
            return;
        }
        double ax = 0, ay = 0, az = 0, cx = 0, cy = 0, cz = 0, total = 0;
        float[] tri = bvh.tri;
        int first = Bvh.isLeaf(r) ? Bvh.leafFirst(r) : 0, count = Bvh.isLeaf(r) ? Bvh.leafCount(r) : 0;
        double[] triArea = new double[3 * count], triCentroid = new double[3 * count];
        for (int j = 0; j < count; j++) {
            int o = 9 * (first + j);
            double ax0 = tri[o], ay0 = tri[o + 1], az0 = tri[o + 2];
            double e1x = tri[o + 3] - ax0, e1y = tri[o + 4] - ay0, e1z = tri[o + 5] - az0;
            double e2x = tri[o + 6] - ax0, e2y = tri[o + 7] - ay0, e2z = tri[o + 8] - az0;
            triArea[3 * j] = 0.5 * (e1y * e2z - e1z * e2y);
            triArea[3 * j + 1] = 0.5 * (e1z * e2x - e1x * e2z);
            triArea[3 * j + 2] = 0.5 * (e1x * e2y - e1y * e2x);
            for (int d = 0; d < 3; d++) {
                triCentroid[3 * j + d] = ((double) tri[o + d] + tri[o + 3 + d] + tri[o + 6 + d]) / 3;
            }
            double a = Math.sqrt(triArea[3 * j] * triArea[3 * j] + triArea[3 * j + 1] * triArea[3 * j + 1]
                    + triArea[3 * j + 2] * triArea[3 * j + 2]);
            ax += triArea[3 * j];
            ay += triArea[3 * j + 1];
            az += triArea[3 * j + 2];
            cx += a * triCentroid[3 * j];
            cy += a * triCentroid[3 * j + 1];
            cz += a * triCentroid[3 * j + 2];
            total += a;
        }
        if (!Bvh.isLeaf(r)) {
            for (int child = Bvh.ARITY * r; child < Bvh.ARITY * (r + 1); child++) {
                ax += areaVector[3 * child];
                ay += areaVector[3 * child + 1];
                az += areaVector[3 * child + 2];
                cx += area[child] * centre[3 * child];
                cy += area[child] * centre[3 * child + 1];
                cz += area[child] * centre[3 * child + 2];
                total += area[child];
            }
        }
        if (total > 0) {
            cx /= total;
            cy /= total;
            cz /= total;
        } else {
            cx = 0.5 * (bound(slot, 0) + bound(slot, 3));
            cy = 0.5 * (bound(slot, 1) + bound(slot, 4));
            cz = 0.5 * (bound(slot, 2) + bound(slot, 5));
        }
        area[slot] = total;
        areaVector[3 * slot] = ax;
        areaVector[3 * slot + 1] = ay;
        areaVector[3 * slot + 2] = az;
        centre[3 * slot] = cx;
        centre[3 * slot + 1] = cy;
        centre[3 * slot + 2] = cz;
        double[] c = {cx, cy, cz};
        for (int j = 0; j < count; j++) {
            addMoment(slot, triArea, 3 * j, triCentroid, 3 * j, c);
        }
        if (!Bvh.isLeaf(r)) {
            for (int child = Bvh.ARITY * r; child < Bvh.ARITY * (r + 1); child++) {
                for (int k = 0; k < 9; k++) {
                    moment[9 * slot + k] += moment[9 * child + k];
                }
                addMoment(slot, areaVector, 3 * child, centre, 3 * child, c);
            }
        }
        double rx = Math.max(cx - bound(slot, 0), bound(slot, 3) - cx);
        double ry = Math.max(cy - bound(slot, 1), bound(slot, 4) - cy);
        double rz = Math.max(cz - bound(slot, 2), bound(slot, 5) - cz);
        farRadius2[slot] = beta * beta * (rx * rx + ry * ry + rz * rz);
    }

    /** moment[slot] += a ⊗ (y − c) for the area vector a and point y at the given offsets. */
    private void addMoment(int slot, double[] a, int ao, double[] y, int yo, double[] c) {
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                moment[9 * slot + 3 * r + k] += a[ao + r] * (y[yo + k] - c[k]);
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
        stack[sp++] = rootSlot;
        while (sp > 0) {
            int n = stack[--sp]; // a slot
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
                continue;
            }
            int r = ref(n);
            if (Bvh.isLeaf(r)) {
                for (int s = Bvh.leafFirst(r), end = s + Bvh.leafCount(r); s < end; s++) {
                    sum += solidAngle(s, x, y, z);
                }
            } else {
                for (int k = Bvh.ARITY - 1; k >= 0; k--) {
                    stack[sp++] = Bvh.ARITY * r + k;
                }
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
