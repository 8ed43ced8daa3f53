package org.sculpt4d.geometry.query;

import java.util.Arrays;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * A bounding-volume hierarchy over the triangles of a mesh, stored in flat arrays. Built top-down: each node's
 * triangles are split by the binned surface-area heuristic (the split of {@value #BINS} centroid bins per axis that
 * minimises {@code area(left)·count(left) + area(right)·count(right)}), or at the median centroid along the longest
 * axis where the centroids coincide or the tree is {@value #SAH_DEPTH} deep, until at most {@value #LEAF_SIZE} remain. Nodes are in depth-first order, so the left child of an interior node {@code i} is
 * {@code i + 1}; the right child's index is stored.
 *
 * <p>The hierarchy is immutable and safe to share between threads; queries go through a {@link BvhQuery} (one per
 * thread) that owns the traversal stack and the result, so a query allocates nothing. Corners and boxes are stored as
 * float32, the mesh's own precision (so nothing is rounded and memory traffic is halved); all arithmetic is double.
 */
public final class Bvh {
    /** Most triangles in a leaf. */
    public static final int LEAF_SIZE = 4;
    /** Centroid bins per axis of the surface-area heuristic. */
    static final int BINS = 12;
    /** Below this depth splits are median splits, so the depth stays under {@link #STACK}: 40 + log2(2³¹) + 1 < 128. */
    static final int SAH_DEPTH = 40;
    /** Traversal stack depth: deeper than any tree built here. */
    static final int STACK = 128;

    /** Corners of triangle slot s: {@code tri[9s .. 9s+8]} = a, b, c, in leaf order. */
    final float[] tri;
    /** Mesh face id of each triangle slot. */
    final int[] faceOf;
    /** Node boxes: {@code box[6i .. 6i+5]} = min x, y, z, max x, y, z. */
    final float[] box;
    /** Interior node: index of the right child; leaf: first triangle slot. */
    final int[] first;
    /** Leaf: triangle count (≥ 1); interior node: 0. */
    final int[] count;
    final int nodeCount;
    private final TriangleMesh mesh;

    public Bvh(TriangleMesh mesh) {
        int f = mesh.faceCount();
        if (f == 0) {
            throw new IllegalArgumentException("mesh has no triangles to build a BVH over");
        }
        this.mesh = mesh;
        float[] p = mesh.positions();
        int[] faces = mesh.faces();
        double[] centroid = new double[3 * f], lo = new double[3 * f], hi = new double[3 * f];
        int[] order = new int[f];
        for (int t = 0; t < f; t++) {
            order[t] = t;
            for (int d = 0; d < 3; d++) {
                double a = p[3 * faces[3 * t] + d], b = p[3 * faces[3 * t + 1] + d], c = p[3 * faces[3 * t + 2] + d];
                centroid[3 * t + d] = (a + b + c) / 3;
                lo[3 * t + d] = Math.min(a, Math.min(b, c));
                hi[3 * t + d] = Math.max(a, Math.max(b, c));
            }
        }
        int maxNodes = 2 * f; // a binary tree with at most f leaves
        int[] firsts = new int[maxNodes];
        int[] counts = new int[maxNodes];
        Builder b = new Builder(centroid, lo, hi, order, firsts, counts);
        b.build(0, f, 0);
        this.nodeCount = b.nodes;
        this.box = new float[6 * nodeCount];
        this.first = Arrays.copyOf(firsts, nodeCount);
        this.count = Arrays.copyOf(counts, nodeCount);
        this.faceOf = order;
        this.tri = new float[9 * f];
        for (int s = 0; s < f; s++) {
            for (int c = 0; c < 3; c++) {
                int v = faces[3 * order[s] + c];
                for (int d = 0; d < 3; d++) {
                    tri[9 * s + 3 * c + d] = p[3 * v + d];
                }
            }
        }
        // boxes from the actual corners, children before parents (reverse depth-first order)
        for (int i = nodeCount - 1; i >= 0; i--) {
            if (count[i] > 0) {
                for (int d = 0; d < 3; d++) {
                    box[6 * i + d] = Float.POSITIVE_INFINITY;
                    box[6 * i + 3 + d] = Float.NEGATIVE_INFINITY;
                }
                for (int s = first[i]; s < first[i] + count[i]; s++) {
                    for (int k = 0; k < 9; k++) {
                        int d = k % 3;
                        box[6 * i + d] = Math.min(box[6 * i + d], tri[9 * s + k]);
                        box[6 * i + 3 + d] = Math.max(box[6 * i + 3 + d], tri[9 * s + k]);
                    }
                }
            } else {
                int l = i + 1, r = first[i];
                for (int d = 0; d < 3; d++) {
                    box[6 * i + d] = Math.min(box[6 * l + d], box[6 * r + d]);
                    box[6 * i + 3 + d] = Math.max(box[6 * l + 3 + d], box[6 * r + 3 + d]);
                }
            }
        }
    }

    public TriangleMesh mesh() {
        return mesh;
    }

    public int faceCount() {
        return faceOf.length;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** A new query object for the calling thread. */
    public BvhQuery query() {
        return new BvhQuery(this);
    }

    /** Box of all triangles: min x, y, z, max x, y, z. */
    public double[] bounds() {
        double[] b = new double[6];
        for (int d = 0; d < 6; d++) {
            b[d] = box[d];
        }
        return b;
    }

    /** SAH (or median) construction over an index permutation; boxes are filled in afterwards from the corners. */
    private static final class Builder {
        private final double[] centroid;
        private final double[] lo;
        private final double[] hi;
        private final int[] order;
        private final int[] firsts;
        private final int[] counts;
        int nodes;

        Builder(double[] centroid, double[] lo, double[] hi, int[] order, int[] firsts, int[] counts) {
            this.centroid = centroid;
            this.lo = lo;
            this.hi = hi;
            this.order = order;
            this.firsts = firsts;
            this.counts = counts;
        }

        void build(int from, int to, int depth) {
            int node = nodes++;
            if (to - from <= LEAF_SIZE) {
                firsts[node] = from;
                counts[node] = to - from;
                return;
            }
            int mid = depth < SAH_DEPTH ? sahSplit(from, to) : -1;
            if (mid < 0) {
                mid = (from + to) >>> 1;
                select(from, to - 1, mid, longestCentroidAxis(from, to));
            }
            build(from, mid, depth + 1);
            firsts[node] = nodes;
            counts[node] = 0;
            build(mid, to, depth + 1);
        }

        /**
         * Partitions [from, to) at the cheapest of the BINS − 1 bin boundaries of each axis and returns the split
         * index, or −1 when the centroids coincide (no boundary separates them).
         */
        private int sahSplit(int from, int to) {
            double[] cLo = new double[3], cHi = new double[3];
            Arrays.fill(cLo, Double.POSITIVE_INFINITY);
            Arrays.fill(cHi, Double.NEGATIVE_INFINITY);
            for (int i = from; i < to; i++) {
                for (int d = 0; d < 3; d++) {
                    double c = centroid[3 * order[i] + d];
                    cLo[d] = Math.min(cLo[d], c);
                    cHi[d] = Math.max(cHi[d], c);
                }
            }
            double bestCost = Double.POSITIVE_INFINITY;
            int bestAxis = -1, bestBin = -1;
            int[] binCount = new int[BINS];
            double[] binBox = new double[6 * BINS];
            double[] rightArea = new double[BINS];
            int[] rightCount = new int[BINS];
            for (int axis = 0; axis < 3; axis++) {
                double extent = cHi[axis] - cLo[axis];
                if (!(extent > 0)) continue;
                Arrays.fill(binCount, 0);
                for (int b = 0; b < BINS; b++) emptyBox(binBox, b);
                for (int i = from; i < to; i++) {
                    int t = order[i], b = bin(centroid[3 * t + axis], cLo[axis], extent);
                    binCount[b]++;
                    for (int d = 0; d < 3; d++) {
                        binBox[6 * b + d] = Math.min(binBox[6 * b + d], lo[3 * t + d]);
                        binBox[6 * b + 3 + d] = Math.max(binBox[6 * b + 3 + d], hi[3 * t + d]);
                    }
                }
                double[] acc = new double[6];
                emptyBox(acc, 0);
                int n = 0;
                for (int b = BINS - 1; b > 0; b--) { // right side of the boundary before bin b
                    n += binCount[b];
                    grow(acc, binBox, b);
                    rightArea[b] = area(acc);
                    rightCount[b] = n;
                }
                emptyBox(acc, 0);
                n = 0;
                for (int b = 1; b < BINS; b++) { // left side: bins [0, b)
                    n += binCount[b - 1];
                    grow(acc, binBox, b - 1);
                    if (n == 0 || rightCount[b] == 0) continue;
                    double cost = area(acc) * n + rightArea[b] * rightCount[b];
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestAxis = axis;
                        bestBin = b;
                    }
                }
            }
            if (bestAxis < 0) return -1;
            double extent = cHi[bestAxis] - cLo[bestAxis];
            int i = from, j = to - 1;
            while (i <= j) {
                if (bin(centroid[3 * order[i] + bestAxis], cLo[bestAxis], extent) < bestBin) {
                    i++;
                } else {
                    int t = order[i];
                    order[i] = order[j];
                    order[j--] = t;
                }
            }
            return i > from && i < to ? i : -1;
        }

        private static int bin(double c, double lo, double extent) {
            return Math.min(BINS - 1, (int) (BINS * (c - lo) / extent));
        }

        private static void emptyBox(double[] box, int b) {
            for (int d = 0; d < 3; d++) {
                box[6 * b + d] = Double.POSITIVE_INFINITY;
                box[6 * b + 3 + d] = Double.NEGATIVE_INFINITY;
            }
        }

        private static void grow(double[] acc, double[] boxes, int b) {
            for (int d = 0; d < 3; d++) {
                acc[d] = Math.min(acc[d], boxes[6 * b + d]);
                acc[3 + d] = Math.max(acc[3 + d], boxes[6 * b + 3 + d]);
            }
        }

        /** Half the surface area of a box (the heuristic needs only ratios); 0 for an empty box. */
        private static double area(double[] box) {
            double x = box[3] - box[0], y = box[4] - box[1], z = box[5] - box[2];
            return x >= 0 ? x * y + y * z + z * x : 0;
        }

        private int longestCentroidAxis(int from, int to) {
            double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int i = from; i < to; i++) {
                for (int d = 0; d < 3; d++) {
                    double c = centroid[3 * order[i] + d];
                    lo[d] = Math.min(lo[d], c);
                    hi[d] = Math.max(hi[d], c);
                }
            }
            int axis = 0;
            for (int d = 1; d < 3; d++) {
                if (hi[d] - lo[d] > hi[axis] - lo[axis]) {
                    axis = d;
                }
            }
            return axis;
        }

        /** Quickselect: afterwards order[k] has rank k by centroid[axis] (ties by face id) within [lo, hi]. */
        private void select(int lo, int hi, int k, int axis) {
            while (hi > lo) {
                int pivot = order[(lo + hi) >>> 1];
                int i = lo, j = hi;
                while (i <= j) {
                    while (less(order[i], pivot, axis)) {
                        i++;
                    }
                    while (less(pivot, order[j], axis)) {
                        j--;
                    }
                    if (i <= j) {
                        int t = order[i];
                        order[i++] = order[j];
                        order[j--] = t;
                    }
                }
                if (k <= j) {
                    hi = j;
                } else if (k >= i) {
                    lo = i;
                } else {
                    return;
                }
            }
        }

        private boolean less(int a, int b, int axis) {
            double ca = centroid[3 * a + axis], cb = centroid[3 * b + axis];
            return ca < cb || ca == cb && a < b;
        }
    }
}
