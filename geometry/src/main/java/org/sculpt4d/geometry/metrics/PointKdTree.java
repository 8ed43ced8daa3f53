package org.sculpt4d.geometry.metrics;

/**
 * A k-d tree over a 3-d point set for exact nearest-neighbour distances, in one flat array. Implicit layout: the
 * points are permuted so that in every index range [lo, hi) longer than {@value #LEAF} the median point sits at
 * {@code mid = (lo + hi) / 2}, splitting on the axis of largest spread ({@code axis[mid]}), with the points before it
 * not above it and those after it not below it on that axis; shorter ranges are scanned. Immutable and thread-safe.
 */
public final class PointKdTree {
    /** Ranges of at most this many points are scanned linearly. */
    static final int LEAF = 8;

    private final double[] xyz;
    private final byte[] axis;

    /** A tree over the points {@code xyz} (3 floats each; copied). */
    public PointKdTree(float[] points) {
        if (points.length % 3 != 0) {
            throw new IllegalArgumentException("points hold " + points.length + " floats, not a multiple of 3");
        }
        if (points.length == 0) {
            throw new IllegalArgumentException("a k-d tree needs at least one point");
        }
        xyz = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            if (!Float.isFinite(points[i])) {
                throw new IllegalArgumentException("point " + i / 3 + " has a non-finite coordinate " + points[i]);
            }
            xyz[i] = points[i];
        }
        axis = new byte[points.length / 3];
        build(0, axis.length);
    }

    public int size() {
        return axis.length;
    }

    /** Euclidean distance from (x, y, z) to the nearest point of the set. */
    public double nearestDistance(double x, double y, double z) {
        return Math.sqrt(nearest2(0, axis.length, x, y, z, Double.POSITIVE_INFINITY));
    }

    private double nearest2(int lo, int hi, double x, double y, double z, double best) {
        if (hi - lo <= LEAF) {
            for (int i = lo; i < hi; i++) {
                double dx = xyz[3 * i] - x, dy = xyz[3 * i + 1] - y, dz = xyz[3 * i + 2] - z;
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            return best;
        }
        int mid = (lo + hi) >>> 1;
        int a = axis[mid];
        double dx = xyz[3 * mid] - x, dy = xyz[3 * mid + 1] - y, dz = xyz[3 * mid + 2] - z;
        best = Math.min(best, dx * dx + dy * dy + dz * dz);
        double plane = (a == 0 ? x : a == 1 ? y : z) - xyz[3 * mid + a];
        // the side of the splitting plane holding the query first, the other only if the plane is nearer than best
        if (plane < 0) {
            best = nearest2(lo, mid, x, y, z, best);
            if (plane * plane < best) best = nearest2(mid + 1, hi, x, y, z, best);
        } else {
            best = nearest2(mid + 1, hi, x, y, z, best);
            if (plane * plane < best) best = nearest2(lo, mid, x, y, z, best);
        }
        return best;
    }

    private void build(int lo, int hi) {
        while (hi - lo > LEAF) {
            int a = widestAxis(lo, hi);
            int mid = (lo + hi) >>> 1;
            select(lo, hi - 1, mid, a);
            axis[mid] = (byte) a;
            build(lo, mid);
            lo = mid + 1;
        }
    }

    private int widestAxis(int lo, int hi) {
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] max = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = lo; i < hi; i++) {
            for (int d = 0; d < 3; d++) {
                min[d] = Math.min(min[d], xyz[3 * i + d]);
                max[d] = Math.max(max[d], xyz[3 * i + d]);
            }
        }
        int a = 0;
        for (int d = 1; d < 3; d++) if (max[d] - min[d] > max[a] - min[a]) a = d;
        return a;
    }

    /** Quickselect (Hoare partition): afterwards point k has rank k on axis a within [lo, hi]. */
    private void select(int lo, int hi, int k, int a) {
        while (hi > lo) {
            double pivot = xyz[3 * ((lo + hi) >>> 1) + a];
            int i = lo, j = hi;
            while (i <= j) {
                while (xyz[3 * i + a] < pivot) i++;
                while (xyz[3 * j + a] > pivot) j--;
                if (i <= j) swap(i++, j--);
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

    private void swap(int i, int j) {
        for (int d = 0; d < 3; d++) {
            double t = xyz[3 * i + d];
            xyz[3 * i + d] = xyz[3 * j + d];
            xyz[3 * j + d] = t;
        }
    }
}
