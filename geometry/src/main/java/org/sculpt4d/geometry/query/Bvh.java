package org.sculpt4d.geometry.query;

import java.util.Arrays;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * A bounding-volume hierarchy over the triangles of a mesh, stored in flat arrays. Built top-down: each node's
 * triangles are split at the median centroid along the longest axis of their centroids' box until at most
 * {@value #LEAF_SIZE} remain. Nodes are in depth-first order, so the left child of an interior node {@code i} is
 * {@code i + 1}; the right child's index is stored.
 *
 * <p>The hierarchy is immutable and safe to share between threads; queries go through a {@link BvhQuery} (one per
 * thread) that owns the traversal stack and the result, so a query allocates nothing. Corners and boxes are stored as
 * float32, the mesh's own precision (so nothing is rounded and memory traffic is halved); all arithmetic is double.
 */
public final class Bvh {
    /** Most triangles in a leaf. */
    public static final int LEAF_SIZE = 4;
    /** Traversal stack depth: median splits give depth ≤ log2(F) + 1, far below this for any int face count. */
    static final int STACK = 64;

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
        double[] centroid = new double[3 * f];
        int[] order = new int[f];
        for (int t = 0; t < f; t++) {
            order[t] = t;
            for (int d = 0; d < 3; d++) {
                centroid[3 * t + d] = ((double) p[3 * faces[3 * t] + d] + p[3 * faces[3 * t + 1] + d]
                        + p[3 * faces[3 * t + 2] + d]) / 3;
            }
        }
        int maxNodes = 2 * f; // a binary tree with at most f leaves
        int[] firsts = new int[maxNodes];
        int[] counts = new int[maxNodes];
        Builder b = new Builder(centroid, order, firsts, counts);
        b.build(0, f);
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

    /** Median-split construction over an index permutation; boxes are filled in afterwards from the corners. */
    private static final class Builder {
        private final double[] centroid;
        private final int[] order;
        private final int[] firsts;
        private final int[] counts;
        int nodes;

        Builder(double[] centroid, int[] order, int[] firsts, int[] counts) {
            this.centroid = centroid;
            this.order = order;
            this.firsts = firsts;
            this.counts = counts;
        }

        void build(int from, int to) {
            int node = nodes++;
            if (to - from <= LEAF_SIZE) {
                firsts[node] = from;
                counts[node] = to - from;
                return;
            }
            int axis = longestCentroidAxis(from, to);
            int mid = (from + to) >>> 1;
            select(from, to - 1, mid, axis);
            build(from, mid);
            firsts[node] = nodes;
            counts[node] = 0;
            build(mid, to);
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
