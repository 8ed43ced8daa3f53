package org.sculpt4d.geometry.query;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Closest-point and ray queries on a {@link Bvh}. One instance per thread: it owns the traversal stack and holds the
 * result of its last query, so queries allocate nothing. Results are read through the accessors after a query
 * returned true.
 *
 * <p>Ties are resolved towards the lowest mesh face id (spec geometry-references.md §5, "Closest point / BVH"):
 * among triangles at exactly the same distance, or hit at exactly the same t, the lowest id is reported.
 */
public final class BvhQuery {
    /** One lane per child of a node: its children's float bounds, widened to double for their distances. */
    private static final VectorSpecies<Float> BOUNDS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> DISTANCES = DoubleVector.SPECIES_256;
    private final Bvh bvh;
    private final int[] stack = new int[Bvh.STACK];
    private final double[] stackKey = new double[Bvh.STACK];
    /** Squared box distances of the children of the node being visited. */
    private final double[] childKey = new double[Bvh.ARITY];
    private int face = -1;
    private double distance;
    private double t;
    private double x;
    private double y;
    private double z;
    private double w0;
    private double w1;
    private double w2;

    BvhQuery(Bvh bvh) {
        this.bvh = bvh;
    }

    /** Closest point of the mesh to p; always true for a BVH (it has at least one triangle). */
    public boolean closest(double px, double py, double pz) {
        return closest(px, py, pz, Double.POSITIVE_INFINITY);
    }

    /**
     * Closest point of the mesh to p among points at distance ≤ maxDistance.
     *
     * @return whether such a point exists; then {@link #face()}, {@link #distance()}, {@link #x()}…, and the
     *     barycentric weights {@link #w0()}, {@link #w1()}, {@link #w2()} of the face's corners describe it
     */
    public boolean closest(double px, double py, double pz, double maxDistance) {
        float[] box = bvh.box;
        int[] child = bvh.child;
        DoubleVector vx = DoubleVector.broadcast(DISTANCES, px), vy = DoubleVector.broadcast(DISTANCES, py);
        DoubleVector vz = DoubleVector.broadcast(DISTANCES, pz);
        double best = maxDistance * maxDistance;
        int bestSlot = -1;
        int bestFace = Integer.MAX_VALUE;
        int sp = 0;
        int r = bvh.root;
        double key = boxDistance2(bvh.rootBox, px, py, pz);
        // depth first: descend into the nearest child within reach, stack the others with their box distances; a popped
        // entry farther than the best distance found since is skipped without reading its boxes
        while (true) {
            if (key <= best) {
                if (!Bvh.isLeaf(r)) {
                    childDistances2(box, Bvh.BOXES * r, vx, vy, vz);
                    int near = Bvh.EMPTY;
                    double nearKey = Double.POSITIVE_INFINITY;
                    for (int k = 0; k < Bvh.ARITY; k++) { // an EMPTY child's box is empty: +∞ away
                        double d = childKey[k];
                        if (d <= best) {
                            int c = child[Bvh.ARITY * r + k];
                            if (d < nearKey) {
                                if (near != Bvh.EMPTY) {
                                    stack[sp] = near;
                                    stackKey[sp++] = nearKey;
                                }
                                near = c;
                                nearKey = d;
                            } else {
                                stack[sp] = c;
                                stackKey[sp++] = d;
                            }
                        }
                    }
                    if (near != Bvh.EMPTY) {
                        r = near;
                        key = nearKey;
                        continue;
                    }
                } else {
                    for (int s = Bvh.leafFirst(r), end = s + Bvh.leafCount(r); s < end; s++) {
                        double d2 = closestOnTriangle(s, px, py, pz);
                        int f = bvh.faceOf[s];
                        if (d2 < best || d2 == best && f < bestFace) {
                            best = d2;
                            bestFace = f;
                            bestSlot = s;
                        }
                    }
                }
            }
            if (sp == 0) {
                break;
            }
            sp--;
            r = stack[sp];
            key = stackKey[sp];
        }
        if (bestSlot < 0) {
            face = -1;
            return false;
        }
        closestOnTriangle(bestSlot, px, py, pz); // recompute the winner's point and weights
        face = bestFace;
        distance = Math.sqrt(best);
        return true;
    }

    /**
     * First intersection of the ray o + t·d, 0 ≤ t ≤ tMax, with the mesh (both sides of each triangle;
     * Möller–Trumbore). d need not be unit length; t is in units of |d|.
     *
     * @return whether the ray hits; then {@link #face()}, {@link #t()}, the hit point and barycentric weights
     */
    public boolean raycast(double ox, double oy, double oz, double dx, double dy, double dz, double tMax) {
        float[] box = bvh.box;
        int[] child = bvh.child;
        double ix = 1 / dx, iy = 1 / dy, iz = 1 / dz;
        double best = tMax;
        int bestFace = Integer.MAX_VALUE;
        int bestSlot = -1;
        double bu = 0, bv = 0;
        int sp = 0;
        double e0 = boxEntry(bvh.rootBox, 0, 1, ox, oy, oz, ix, iy, iz, best);
        if (e0 <= best) {
            stack[0] = bvh.root;
            stackKey[0] = e0;
            sp = 1;
        }
        float[] tri = bvh.tri;
        while (sp > 0) {
            sp--;
            if (stackKey[sp] > best) {
                continue;
            }
            int r = stack[sp];
            if (Bvh.isLeaf(r)) {
                for (int s = Bvh.leafFirst(r), end = s + Bvh.leafCount(r); s < end; s++) {
                    int o = 9 * s;
                    double ax = tri[o], ay = tri[o + 1], az = tri[o + 2];
                    double e1x = tri[o + 3] - ax, e1y = tri[o + 4] - ay, e1z = tri[o + 5] - az;
                    double e2x = tri[o + 6] - ax, e2y = tri[o + 7] - ay, e2z = tri[o + 8] - az;
                    double qx = dy * e2z - dz * e2y, qy = dz * e2x - dx * e2z, qz = dx * e2y - dy * e2x;
                    double det = e1x * qx + e1y * qy + e1z * qz;
                    if (det == 0) {
                        continue;
                    }
                    double inv = 1 / det;
                    double sx = ox - ax, sy = oy - ay, sz = oz - az;
                    double u = (sx * qx + sy * qy + sz * qz) * inv;
                    if (u < 0 || u > 1) {
                        continue;
                    }
                    double rx = sy * e1z - sz * e1y, ry = sz * e1x - sx * e1z, rz = sx * e1y - sy * e1x;
                    double v = (dx * rx + dy * ry + dz * rz) * inv;
                    if (v < 0 || u + v > 1) {
                        continue;
                    }
                    double tt = (e2x * rx + e2y * ry + e2z * rz) * inv;
                    int f = bvh.faceOf[s];
                    if (tt >= 0 && (tt < best || tt == best && f < bestFace)) {
                        best = tt;
                        bestFace = f;
                        bestSlot = s;
                        bu = u;
                        bv = v;
                    }
                }
            } else {
                int base = sp;
                for (int k = 0; k < Bvh.ARITY && child[Bvh.ARITY * r + k] != Bvh.EMPTY; k++) {
                    double e = boxEntry(box, Bvh.BOXES * r + k, Bvh.ARITY, ox, oy, oz, ix, iy, iz, best);
                    if (e <= best) {
                        sp = push(base, sp, child[Bvh.ARITY * r + k], e);
                    }
                }
            }
        }
        if (bestSlot < 0) {
            face = -1;
            return false;
        }
        face = bestFace;
        t = best;
        w0 = 1 - bu - bv;
        w1 = bu;
        w2 = bv;
        x = ox + best * dx;
        y = oy + best * dy;
        z = oz + best * dz;
        return true;
    }

    /** Mesh face id of the last result, or −1 after a query that found nothing. */
    public int face() {
        return face;
    }

    /** Distance from the query point to the closest point (closest-point queries). */
    public double distance() {
        return distance;
    }

    /** Ray parameter of the hit (ray queries). */
    public double t() {
        return t;
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    public double z() {
        return z;
    }

    /** Barycentric weight of the face's first corner. */
    public double w0() {
        return w0;
    }

    /** Barycentric weight of the face's second corner. */
    public double w1() {
        return w1;
    }

    /** Barycentric weight of the face's third corner. */
    public double w2() {
        return w2;
    }

    /**
     * Pushes reference r with key onto the stack of sp entries, keeping the entries from base up in decreasing key
     * order (insertion sort over one node's children), so that the nearest child is popped first; returns the new
     * stack size.
     */
    private int push(int base, int sp, int r, double key) {
        int j = sp;
        for (; j > base && stackKey[j - 1] < key; j--) {
            stack[j] = stack[j - 1];
            stackKey[j] = stackKey[j - 1];
        }
        stack[j] = r;
        stackKey[j] = key;
        return sp + 1;
    }

    /**
     * Entry t of the ray into the box with bound d (min x, y, z, max x, y, z) at {@code box[o + stride · d]} (slab
     * test), or +∞ when it misses the box within [0, tMax].
     */
    private static double boxEntry(float[] box, int o, int stride, double ox, double oy, double oz, double ix,
            double iy, double iz, double tMax) {
        double near = 0, far = tMax;
        // comparisons written so that a NaN slab bound (origin on a slab plane of an axis-parallel ray) is ignored
        double a = (box[o] - ox) * ix, b = (box[o + 3 * stride] - ox) * ix;
        if (Math.min(a, b) > near) near = Math.min(a, b);
        if (Math.max(a, b) < far) far = Math.max(a, b);
        a = (box[o + stride] - oy) * iy;
        b = (box[o + 4 * stride] - oy) * iy;
        if (Math.min(a, b) > near) near = Math.min(a, b);
        if (Math.max(a, b) < far) far = Math.max(a, b);
        a = (box[o + 2 * stride] - oz) * iz;
        b = (box[o + 5 * stride] - oz) * iz;
        if (Math.min(a, b) > near) near = Math.min(a, b);
        if (Math.max(a, b) < far) far = Math.max(a, b);
        return near <= far ? near : Double.POSITIVE_INFINITY;
    }

    /** Squared distance from p to the box min x, y, z, max x, y, z. */
    private static double boxDistance2(float[] box, double px, double py, double pz) {
        double dx = Math.max(0, Math.max(box[0] - px, px - box[3]));
        double dy = Math.max(0, Math.max(box[1] - py, py - box[4]));
        double dz = Math.max(0, Math.max(box[2] - pz, pz - box[5]));
        return dx * dx + dy * dy + dz * dz;
    }

    /**
     * Squared distances from p to the boxes of a node's children (at {@code box[o ..]}, see {@link Bvh}) into
     * {@link #childKey}, all four children at once; the same double arithmetic as {@link #boxDistance2} lane by lane.
     */
    private void childDistances2(float[] box, int o, DoubleVector px, DoubleVector py, DoubleVector pz) {
        DoubleVector dx = gap(box, o, 0, px), dy = gap(box, o, 1, py), dz = gap(box, o, 2, pz);
        dx.mul(dx).add(dy.mul(dy)).add(dz.mul(dz)).intoArray(childKey, 0);
    }

    /** Per child: distance along axis d from p to the child's box, 0 inside its slab. */
    private static DoubleVector gap(float[] box, int o, int d, DoubleVector p) {
        DoubleVector lo = (DoubleVector) FloatVector.fromArray(BOUNDS, box, o + Bvh.ARITY * d)
                .convertShape(VectorOperators.F2D, DISTANCES, 0);
        DoubleVector hi = (DoubleVector) FloatVector.fromArray(BOUNDS, box, o + Bvh.ARITY * (d + 3))
                .convertShape(VectorOperators.F2D, DISTANCES, 0);
        return lo.sub(p).max(p.sub(hi)).max(0);
    }

    /**
     * Squared distance from p to triangle slot s; leaves the closest point in x, y, z and its barycentric weights in
     * w0..w2. Voronoi-region classification (Ericson, Real-Time Collision Detection §5.1.5), with a fallback to the
     * three edges for degenerate (zero-area) triangles.
     */
    private double closestOnTriangle(int s, double px, double py, double pz) {
        float[] tri = bvh.tri;
        int o = 9 * s;
        double ax = tri[o], ay = tri[o + 1], az = tri[o + 2];
        double abx = tri[o + 3] - ax, aby = tri[o + 4] - ay, abz = tri[o + 5] - az;
        double acx = tri[o + 6] - ax, acy = tri[o + 7] - ay, acz = tri[o + 8] - az;
        double apx = px - ax, apy = py - ay, apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz, d2 = acx * apx + acy * apy + acz * apz;
        if (d1 <= 0 && d2 <= 0) {
            return setPoint(s, 1, 0, 0, px, py, pz);
        }
        double bpx = apx - abx, bpy = apy - aby, bpz = apz - abz;
        double d3 = abx * bpx + aby * bpy + abz * bpz, d4 = acx * bpx + acy * bpy + acz * bpz;
        if (d3 >= 0 && d4 <= d3) {
            return setPoint(s, 0, 1, 0, px, py, pz);
        }
        double vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0 && d1 - d3 > 0) {
            double v = d1 / (d1 - d3);
            return setPoint(s, 1 - v, v, 0, px, py, pz);
        }
        double cpx = apx - acx, cpy = apy - acy, cpz = apz - acz;
        double d5 = abx * cpx + aby * cpy + abz * cpz, d6 = acx * cpx + acy * cpy + acz * cpz;
        if (d6 >= 0 && d5 <= d6) {
            return setPoint(s, 0, 0, 1, px, py, pz);
        }
        double vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0 && d2 - d6 > 0) {
            double w = d2 / (d2 - d6);
            return setPoint(s, 1 - w, 0, w, px, py, pz);
        }
        double va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0 && (d4 - d3) + (d5 - d6) > 0) {
            double w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
            return setPoint(s, 0, 1 - w, w, px, py, pz);
        }
        double sum = va + vb + vc;
        if (sum > 0 && va >= 0 && vb >= 0 && vc >= 0) {
            return setPoint(s, va / sum, vb / sum, vc / sum, px, py, pz);
        }
        return closestOnEdges(s, px, py, pz);
    }

    /** Degenerate triangle: the closest of the three edge segments' closest points. */
    private double closestOnEdges(int s, double px, double py, double pz) {
        double bestD = Double.POSITIVE_INFINITY;
        double b0 = 1, b1 = 0, b2 = 0;
        for (int e = 0; e < 3; e++) {
            int i = e, j = (e + 1) % 3;
            float[] tri = bvh.tri;
            int o = 9 * s;
            double ex = (double) tri[o + 3 * j] - tri[o + 3 * i];
            double ey = (double) tri[o + 3 * j + 1] - tri[o + 3 * i + 1];
            double ez = (double) tri[o + 3 * j + 2] - tri[o + 3 * i + 2];
            double len2 = ex * ex + ey * ey + ez * ez;
            double u = len2 > 0 ? ((px - tri[o + 3 * i]) * ex + (py - tri[o + 3 * i + 1]) * ey
                    + (pz - tri[o + 3 * i + 2]) * ez) / len2 : 0;
            u = Math.min(1, Math.max(0, u));
            double[] w = {0, 0, 0};
            w[i] = 1 - u;
            w[j] = u;
            double d = setPoint(s, w[0], w[1], w[2], px, py, pz);
            if (d < bestD) {
                bestD = d;
                b0 = w[0];
                b1 = w[1];
                b2 = w[2];
            }
        }
        return setPoint(s, b0, b1, b2, px, py, pz);
    }

    private double setPoint(int s, double a, double b, double c, double px, double py, double pz) {
        float[] tri = bvh.tri;
        int o = 9 * s;
        w0 = a;
        w1 = b;
        w2 = c;
        x = a * tri[o] + b * tri[o + 3] + c * tri[o + 6];
        y = a * tri[o + 1] + b * tri[o + 4] + c * tri[o + 7];
        z = a * tri[o + 2] + b * tri[o + 5] + c * tri[o + 8];
        double dx = x - px, dy = y - py, dz = z - pz;
        return dx * dx + dy * dy + dz * dz;
    }
}
