package org.sculpt4d.geometry.query;

import java.util.Arrays;
import org.sculpt4d.geometry.ParallelRange;

/**
 * Distance from a mesh sampled on a regular n×n×n grid over a box: sample (i, j, k) lies at
 * {@code min + (i, j, k) · (max − min) / (n − 1)} and is stored at {@code (i·n + j)·n + k} (x slowest), the layout and
 * box mapping of {@link org.sculpt4d.geometry.mc.MarchingCubes} with {@code bounds(min, max)}. Values are float32.
 *
 * <p>Unsigned grids hold the distance to the closest point of the mesh ({@link Bvh}); signed grids negate it where the
 * winding number says inside (> ½), so they are negative inside, as libigl's {@code signed_distance} (Hunyuan3D's SDF
 * labels are the negation, positive inside: spec hunyuan3d21-shape.md §2.4). Work is split into x-layers that run in
 * parallel; the values do not depend on the thread count.
 */
public final class DistanceGrid {
    private final int n;
    private final double[] min;
    private final double[] max;
    private final float[] values;
    private final boolean signed;

    private DistanceGrid(int n, double[] min, double[] max, float[] values, boolean signed) {
        this.n = n;
        this.min = min;
        this.max = max;
        this.values = values;
        this.signed = signed;
    }

    /** Unsigned distance to the mesh of {@code bvh} on an n³ grid over [min, max]. */
    public static DistanceGrid unsigned(Bvh bvh, double[] min, double[] max, int n, int threads) {
        return compute(bvh, null, min, max, n, Double.POSITIVE_INFINITY, threads);
    }

    /**
     * Unsigned distance clamped to {@code cap}: {@code min(d, cap)}. Much faster than {@link #unsigned} when most
     * samples lie farther than {@code cap} (the closest-point search prunes every box beyond it); enough for
     * extracting level sets below {@code cap − h} exactly, h the largest grid step (1-Lipschitz).
     */
    public static DistanceGrid truncated(Bvh bvh, double[] min, double[] max, int n, double cap, int threads) {
        if (!(cap > 0)) {
            throw new IllegalArgumentException("truncation distance must be positive, got " + cap);
        }
        return compute(bvh, null, min, max, n, cap, threads);
    }

    /** Signed distance (negative where {@code winding} says inside) on an n³ grid over [min, max]. */
    public static DistanceGrid signed(Bvh bvh, WindingNumber winding, double[] min, double[] max, int n,
            int threads) {
        return compute(bvh, winding, min, max, n, Double.POSITIVE_INFINITY, threads);
    }

    /**
     * The mesh's bounding box grown on every side by {@code padding} × its largest extent: {min, max}.
     */
    public static double[][] paddedBounds(Bvh bvh, double padding) {
        double[] b = bvh.bounds();
        double extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        double pad = padding * extent;
        return new double[][] {{b[0] - pad, b[1] - pad, b[2] - pad}, {b[3] + pad, b[4] + pad, b[5] + pad}};
    }

    private static DistanceGrid compute(Bvh bvh, WindingNumber winding, double[] min, double[] max, int n, double cap,
            int threads) {
        if (n < 2) {
            throw new IllegalArgumentException("grid needs at least 2 samples per axis, got " + n);
        }
        if ((long) n * n * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("grid " + n + "³ is too large for one array");
        }
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException("grid box needs 3 coordinates for min and for max");
        }
        for (int d = 0; d < 3; d++) {
            if (!(max[d] > min[d]) || !Double.isFinite(min[d]) || !Double.isFinite(max[d])) {
                throw new IllegalArgumentException(
                        "grid box is empty or not finite along axis " + d + ": [" + min[d] + ", " + max[d] + "]");
            }
        }
        double[] lo = min.clone(), hi = max.clone();
        float[] values = new float[n * n * n];
        ParallelRange.run(n, 1, threads, (from, to) -> {
            BvhQuery q = bvh.query();
            int[] stack = new int[Bvh.STACK];
            for (int i = from; i < to; i++) {
                double x = coordinate(lo, hi, n, 0, i);
                for (int j = 0; j < n; j++) {
                    double y = coordinate(lo, hi, n, 1, j);
                    int base = (i * n + j) * n;
                    for (int k = 0; k < n; k++) {
                        double z = coordinate(lo, hi, n, 2, k);
                        double d = q.closest(x, y, z, cap) ? q.distance() : cap;
                        if (winding != null && winding.at(x, y, z, stack) > 0.5) {
                            d = -d;
                        }
                        values[base + k] = (float) d;
                    }
                }
            }
        });
        return new DistanceGrid(n, lo, hi, values, winding != null);
    }

    private static double coordinate(double[] lo, double[] hi, int n, int axis, int index) {
        return lo[axis] + index * (hi[axis] - lo[axis]) / (n - 1);
    }

    /** World coordinate of sample index {@code index} along {@code axis} (0 = x). */
    public double coordinate(int axis, int index) {
        return coordinate(min, max, n, axis, index);
    }

    /** Samples per axis. */
    public int n() {
        return n;
    }

    public double[] min() {
        return min.clone();
    }

    public double[] max() {
        return max.clone();
    }

    /** Whether the values are signed (negative inside). */
    public boolean isSigned() {
        return signed;
    }

    /** Value at sample (i, j, k). */
    public float at(int i, int j, int k) {
        return values[(i * n + j) * n + k];
    }

    /** All n³ values, x slowest (a copy). */
    public float[] values() {
        return Arrays.copyOf(values, values.length);
    }
}
