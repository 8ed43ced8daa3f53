package org.sculpt4d.geometry.query;

import java.util.Arrays;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * A bounding-volume hierarchy over the triangles of a mesh, stored in flat arrays. Built top-down: each node's
 * triangles are split by the binned surface-area heuristic (the split of {@value #BINS} centroid bins per axis that
 * minimises {@code area(left)·count(left) + area(right)·count(right)}), or at the median centroid along the longest
 * axis where the centroids coincide or the tree is {@value #SAH_DEPTH} splits deep, until at most {@value #LEAF_SIZE}
 * remain. The tree is 4-wide: a node takes the (up to) four parts of two levels of binary splits as its children, so
 * a query takes half as many dependent steps down the tree.
 *
 * <p>Layout, "child boxes in the parent": only interior nodes are stored, in depth-first order (a child's index is
 * larger than its parent's). Node i holds the boxes of its four children in {@code box[24i .. 24i+23]}, bound by bound
 * across the children (min x of children 0..3, then min y, min z, max x, max y, max z), so a traversal step tests all
 * four children at once, as one vector per bound, from 96 contiguous bytes, without visiting the children; and their
 * references in {@code child[4i .. 4i+3]}. A reference {@code r ≥ 0} is interior node r; {@code r < 0} is a leaf,
 * triangle slots {@link #leafFirst} .. + {@link #leafCount}; a node with fewer than four children fills the last
 * slots with {@link #EMPTY} (no triangles, empty box).
 *
 * <p>The hierarchy is immutable and safe to share between threads; queries go through a {@link BvhQuery} (one per
 * thread) that owns the traversal stack and the result, so a query allocates nothing. Corners and boxes are stored as
 * float32, the mesh's own precision (so nothing is rounded and memory traffic is halved); all arithmetic is double.
 */
public final class Bvh {
    /** Most triangles in a leaf (a leaf reference holds the count in its three low bits). */
    public static final int LEAF_SIZE = 4;
    /** Centroid bins per axis of the surface-area heuristic. */
    static final int BINS = 12;
    /**
     * Below this many binary splits, splits are median splits, so the tree is at most (40 + 25) / 2 + 1 nodes deep and
     * a traversal, which stacks at most {@value #ARITY} − 1 children per level, stays within {@link #STACK}.
     */
    static final int SAH_DEPTH = 40;
    /** Traversal stack depth: deeper than any tree built here. */
    static final int STACK = 128;
    /** Children per interior node. */
    static final int ARITY = 4;
    /** Floats of a node's child boxes. */
    static final int BOXES = 6 * ARITY;
    private static final int COUNT_BITS = 3;
    /** Most triangles: leaf references (first slot · 8 + count) and box offsets stay within an int. */
    static final int MAX_FACES = 1 << 25;
    /** Reference of an unused child slot: a leaf of no triangles. */
    static final int EMPTY = leaf(0, 0);

    /** Corners of triangle slot s: {@code tri[9s .. 9s+8]} = a, b, c, in leaf order. */
    final float[] tri;
    /** Mesh face id of each triangle slot. */
    final int[] faceOf;
    /** Children's boxes of each interior node, see the class comment. */
    final float[] box;
    /** Children's references of each interior node. */
    final int[] child;
    /** Reference of the root: interior node 0, or a leaf when the mesh has at most {@value #LEAF_SIZE} triangles. */
    final int root;
    /** Box of all triangles: min x, y, z, max x, y, z. */
    final float[] rootBox = new float[6];
    final int nodeCount;
    private final TriangleMesh mesh;

    public Bvh(TriangleMesh mesh) {
        int f = mesh.faceCount();
        if (f == 0) {
            throw new IllegalArgumentException("mesh has no triangles to build a BVH over");
        }
        if (f > MAX_FACES) {
            throw new IllegalArgumentException("mesh has " + f + " triangles, more than a BVH holds (" + MAX_FACES + ")");
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
        Builder b = new Builder(centroid, lo, hi, order, new int[ARITY * f]); // at most f − 1 interior nodes
        this.root = b.build(0, f, 0);
        this.nodeCount = b.nodes;
        this.child = Arrays.copyOf(b.children, ARITY * nodeCount);
        this.box = new float[BOXES * nodeCount];
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
        // child boxes from the actual corners, children before parents (reverse depth-first order)
        float[] childBox = new float[6];
        for (int i = nodeCount - 1; i >= 0; i--) {
            for (int k = 0; k < ARITY; k++) {
                boxOf(child(i, k), childBox);
                for (int d = 0; d < 6; d++) {
                    box[BOXES * i + ARITY * d + k] = childBox[d];
                }
            }
        }
        boxOf(root, rootBox);
    }

    /** Writes the box of the node or leaf with reference r into out; an interior node's children must be boxed. */
    private void boxOf(int r, float[] out) {
        Arrays.fill(out, 0, 3, Float.POSITIVE_INFINITY);
        Arrays.fill(out, 3, 6, Float.NEGATIVE_INFINITY);
        if (isLeaf(r)) {
            for (int s = leafFirst(r), end = s + leafCount(r); s < end; s++) {
                for (int k = 0; k < 9; k++) {
                    out[k % 3] = Math.min(out[k % 3], tri[9 * s + k]);
                    out[3 + k % 3] = Math.max(out[3 + k % 3], tri[9 * s + k]);
                }
            }
        } else {
            for (int k = 0; k < ARITY; k++) {
                for (int d = 0; d < 3; d++) {
                    out[d] = Math.min(out[d], boxBound(r, k, d));
                    out[3 + d] = Math.max(out[3 + d], boxBound(r, k, 3 + d));
                }
            }
        }
    }

    /** Bound d (min x, y, z, max x, y, z) of the box of child k of interior node i. */
    float boxBound(int i, int k, int d) {
        return box[BOXES * i + ARITY * d + k];
    }

    /** Reference of child k (0 .. {@value #ARITY} − 1) of interior node i. */
    int child(int i, int k) {
        return child[ARITY * i + k];
    }

    static boolean isLeaf(int r) {
        return r < 0;
    }

    /** First triangle slot of leaf reference r. */
    static int leafFirst(int r) {
        return ~r >>> COUNT_BITS;
    }

    /** Triangle count (1 .. {@value #LEAF_SIZE}) of leaf reference r. */
    static int leafCount(int r) {
        return ~r & (1 << COUNT_BITS) - 1;
    }

    private static int leaf(int first, int count) {
        return ~(first << COUNT_BITS | count);
    }

    public TriangleMesh mesh() {
        return mesh;
    }

    public int faceCount() {
        return faceOf.length;
    }

    /** Number of interior nodes (a leaf is only a reference held by its parent). */
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
            b[d] = rootBox[d];
        }
        return b;
    }

    /** SAH (or median) construction over an index permutation; child boxes are filled in afterwards from the corners. */
    private static final class Builder {
        private final double[] centroid;
        private final double[] lo;
        private final double[] hi;
        private final int[] order;
        final int[] children;
        int nodes;

        Builder(double[] centroid, double[] lo, double[] hi, int[] order, int[] children) {
            this.centroid = centroid;
            this.lo = lo;
            this.hi = hi;
            this.order = order;
            this.children = children;
        }

        /**
         * Builds the subtree over order[from, to), {@code depth} binary splits deep, and returns its reference; nodes
         * get their child references. A node splits its range in two and each half that is not a leaf again.
         */
        int build(int from, int to, int depth) {
            if (to - from <= LEAF_SIZE) {
                return leaf(from, to - from);
            }
            int node = nodes++;
            int[] cut = new int[ARITY + 1];
            int parts = 0;
            int mid = split(from, to, depth);
            cut[parts++] = from;
            if (mid - from > LEAF_SIZE) {
                cut[parts++] = split(from, mid, depth + 1);
            }
            cut[parts++] = mid;
            if (to - mid > LEAF_SIZE) {
                cut[parts++] = split(mid, to, depth + 1);
            }
            cut[parts] = to;
            for (int k = 0; k < ARITY; k++) {
                children[ARITY * node + k] = k < parts ? build(cut[k], cut[k + 1], depth + 2) : EMPTY;
            }
            return node;
        }

        /** Partitions [from, to) (more than a leaf) in two and returns the index where the second part starts. */
        private int split(int from, int to, int depth) {
            int mid = depth < SAH_DEPTH ? sahSplit(from, to) : -1;
            if (mid < 0) {
                mid = (from + to) >>> 1;
                select(from, to - 1, mid, longestCentroidAxis(from, to));
            }
            return mid;
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
