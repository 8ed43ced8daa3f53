package org.sculpt4d.vae;

import java.util.Arrays;
import org.sculpt4d.tensor.Tensor;

/**
 * The query points of upstream's {@code VanillaVolumeDecoder} (spec §6.1): per axis
 * {@code numpy.linspace(min, max, R + 1, dtype=float32)}, i.e. {@code float32(min + i·((max − min)/R))} evaluated in
 * double with the last sample exactly {@code max}; the grid is their {@code meshgrid(indexing="ij")}, flattened with x
 * slowest and z fastest: point {@code (i, j, k)} has flat index {@code (i·(R+1) + j)·(R+1) + k}. Points are made a
 * chunk at a time, so a grid of any resolution costs no memory of its own.
 *
 * @param min        the box's lower corner (x, y, z)
 * @param max        its upper corner
 * @param resolution R, the {@code octree_resolution}: R cells, R + 1 samples per axis
 */
public record QueryGrid(double[] min, double[] max, int resolution) {
    public QueryGrid {
        min = min.clone();
        max = max.clone();
        if (min.length != 3 || max.length != 3) throw new IllegalArgumentException("query grid: corners need 3 coordinates");
        if (resolution < 1 || (long) (resolution + 1) * (resolution + 1) * (resolution + 1) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("query grid: octree_resolution " + resolution + " is not in [1, 1289]");
        }
        for (int a = 0; a < 3; a++) {
            if (!(min[a] < max[a])) {
                throw new IllegalArgumentException("query grid: bounds " + Arrays.toString(min) + " .. " + Arrays.toString(max)
                        + " enclose no box");
            }
        }
    }

    /**
     * Upstream's {@code bounds} argument: one number b for the box [−b, b]³, or six numbers
     * {@code [xmin, ymin, zmin, xmax, ymax, zmax]}.
     */
    public static QueryGrid of(double[] bounds, int resolution) {
        return switch (bounds.length) {
            case 1 -> new QueryGrid(new double[] {-bounds[0], -bounds[0], -bounds[0]},
                    new double[] {bounds[0], bounds[0], bounds[0]}, resolution);
            case 6 -> new QueryGrid(Arrays.copyOfRange(bounds, 0, 3), Arrays.copyOfRange(bounds, 3, 6), resolution);
            default -> throw new IllegalArgumentException("query grid: bounds must be one number or six, got "
                    + Arrays.toString(bounds));
        };
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    /** Samples per axis, R + 1. */
    public int samples() {
        return resolution + 1;
    }

    /** Number of points, (R + 1)³. */
    public int size() {
        return samples() * samples() * samples();
    }

    /** The coordinates along {@code axis} (0 = x), as {@code numpy.linspace(..., dtype=float32)} gives them. */
    public float[] axis(int axis) {
        int n = samples();
        double step = (max[axis] - min[axis]) / resolution;
        float[] out = new float[n];
        for (int i = 0; i < n - 1; i++) out[i] = (float) (i * step + min[axis]);
        out[n - 1] = (float) max[axis];
        return out;
    }

    /** Points {@code [from, to)} in flat order, as {@code [to − from, 3]}. */
    public Tensor points(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("query grid: points [" + from + ", " + to + ") out of [0, " + size() + ")");
        }
        float[] x = axis(0), y = axis(1), z = axis(2);
        int n = samples();
        float[] out = new float[3 * (to - from)];
        for (int f = from, o = 0; f < to; f++, o += 3) {
            out[o] = x[f / (n * n)];
            out[o + 1] = y[f / n % n];
            out[o + 2] = z[f % n];
        }
        return Tensor.wrap(out, to - from, 3);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryGrid g && Arrays.equals(min, g.min) && Arrays.equals(max, g.max) && resolution == g.resolution;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(min) + Arrays.hashCode(max)) + resolution;
    }

    @Override
    public String toString() {
        return "QueryGrid[" + Arrays.toString(min) + " .. " + Arrays.toString(max) + ", R=" + resolution + "]";
    }
}
