package org.sculpt4d.geometry.mc;

/**
 * Affine map from grid index coordinates (x = axis 0, the slowest-varying index) to world coordinates:
 * {@code world[a] = origin[a] + scale[a] · index[a]}.
 */
final class GridMapping {
    final double[] origin;
    final double[] scale;

    GridMapping(double[] origin, double[] scale) {
        this.origin = origin.clone();
        this.scale = scale.clone();
    }

    double apply(int axis, double index) {
        return origin[axis] + scale[axis] * index;
    }

    /**
     * Maps a grid of n[a] samples onto the box [min, max] per axis (Hunyuan3D's query grid, spec
     * hunyuan3d21-shape.md §6.1: {@code linspace(min, max, R+1)} with R = n − 1 cells).
     *
     * @param hunyuanCompat false: the correct {@code min + index · (max − min) / R}; true: upstream's
     *     {@code index / (R+1) · (max − min) + min} (spec §6.2), which shrinks the mesh by R/(R+1) toward min
     */
    static GridMapping box(double[] min, double[] max, int[] n, boolean hunyuanCompat) {
        double[] o = new double[3];
        double[] s = new double[3];
        for (int a = 0; a < 3; a++) {
            int cells = n[a] - 1;
            double divisor = hunyuanCompat ? cells + 1 : cells;
            o[a] = min[a];
            s[a] = divisor > 0 ? (max[a] - min[a]) / divisor : 0;
        }
        return new GridMapping(o, s);
    }
}
