package org.sculpt4d.geometry.watertight;

import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.UnionFind;
import org.sculpt4d.geometry.mc.IsoSurface;
import org.sculpt4d.geometry.mc.MarchingCubes;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.DistanceGrid;

/**
 * Hunyuan3D 2.1's watertight conversion (spec hunyuan3d21-shape.md §2.4): the mesh is normalised to the unit box,
 * {@code V' = (V − min) / (1.01 · largest extent)}; the unsigned distance d to it is sampled on an n³ grid
 * (n = {@value #DEFAULT_GRID} by default) over its bounding box padded by {@value #PADDING} of the largest extent on
 * every side (more on coarse grids, {@link #padding}); marching cubes extracts the level 0 of {@code ε − d} with {@code ε = 2/n} (in the normalised units), the
 * boundary of the ε-tube around the surface. That boundary has an outer shell and, for closed inputs, inner shells;
 * the component with the largest signed volume (the outer shell, wound outward, enclosing the others) is kept and
 * mapped back to the input's coordinates.
 *
 * <p>The result is closed (every edge shared by exactly two triangles) whatever the input: open, non-manifold,
 * inconsistently wound or a triangle soup. It lies about ε · 1.01 · extent outside the input surface. Instances are
 * immutable; the setters return modified copies.
 */
public final class WatertightConversion {
    /** Hunyuan3D's grid size per axis. */
    public static final int DEFAULT_GRID = 256;
    /** Padding of the grid box per side, as a share of the largest extent of the normalised mesh. */
    public static final double PADDING = 0.05;
    /** Normalisation divisor factor of §2.4: coordinates end in [0, 1/1.01]. */
    static final double NORMALISE_MARGIN = 1.01;

    private final int grid;
    private final int threads;

    /** 256³ grid, all available processors. */
    public WatertightConversion() {
        this(DEFAULT_GRID, Runtime.getRuntime().availableProcessors());
    }

    private WatertightConversion(int grid, int threads) {
        this.grid = grid;
        this.threads = threads;
    }

    /** Samples per grid axis (ε = 2 / grid). */
    public WatertightConversion grid(int n) {
        if (n < 8) {
            throw new IllegalArgumentException("watertight grid must have at least 8 samples per axis, got " + n);
        }
        return new WatertightConversion(n, threads);
    }

    /** Worker threads for the distance grid and marching cubes. */
    public WatertightConversion threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        return new WatertightConversion(grid, n);
    }

    public int grid() {
        return grid;
    }

    /**
     * Padding of the grid box: upstream's {@value #PADDING}, or {@code 4/grid} on grids coarser than 80 per axis,
     * where ε = 2/grid plus a grid step would reach past 5 % and the tube would be cut open at the box's faces.
     */
    public double padding() {
        return Math.max(PADDING, 4.0 / grid);
    }

    /** Tube radius ε = 2 / grid in normalised units. */
    public double epsilon() {
        return 2.0 / grid;
    }

    /** Tube radius in the input's units: ε · 1.01 · largest extent. */
    public double epsilonFor(TriangleMesh mesh) {
        return epsilon() * scale(mesh);
    }

    /**
     * The closed outer surface of the ε-tube around {@code mesh}, in the input's coordinates.
     *
     * @throws IllegalArgumentException when the mesh has no triangles or all its vertices coincide
     */
    public TriangleMesh convert(TriangleMesh mesh) {
        if (mesh.faceCount() == 0) {
            throw new IllegalArgumentException("mesh has no triangles to make watertight");
        }
        double[] min = minimum(mesh);
        double scale = scale(mesh);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("mesh has zero extent: all vertices coincide");
        }
        float[] p = mesh.positions();
        float[] unit = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            unit[i] = (float) ((p[i] - min[i % 3]) / scale);
        }
        Bvh bvh = new Bvh(new TriangleMesh(unit, mesh.faces()));
        double[][] box = DistanceGrid.paddedBounds(bvh, padding());
        // distances beyond ε + 2 grid steps cannot move a crossing of the level ε (1-Lipschitz): clamp them there
        double step = 0;
        for (int d = 0; d < 3; d++) step = Math.max(step, (box[1][d] - box[0][d]) / (grid - 1));
        float[] field = DistanceGrid.truncated(bvh, box[0], box[1], grid, epsilon() + 2 * step, threads).values();
        float eps = (float) epsilon();
        for (int i = 0; i < field.length; i++) {
            field[i] = eps - field[i];
        }
        IsoSurface tube = new MarchingCubes().bounds(box[0], box[1]).threads(threads).extract(field, grid, grid, grid);
        if (tube.isEmpty()) {
            throw new IllegalStateException("the ε-tube has no surface on a " + grid + "³ grid");
        }
        TriangleMesh outer = outerComponent(tube.toMesh());
        float[] q = outer.positions();
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) (q[i] * scale + min[i % 3]);
        }
        return outer;
    }

    private static double[] minimum(TriangleMesh mesh) {
        float[] p = mesh.positions();
        double[] min = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int i = 0; i < p.length; i++) {
            min[i % 3] = Math.min(min[i % 3], p[i]);
        }
        return min;
    }

    /** 1.01 × the largest extent of the vertex box (§2.4's normalisation divisor). */
    private static double scale(TriangleMesh mesh) {
        float[] p = mesh.positions();
        double[] lo = minimum(mesh);
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < p.length; i++) {
            hi[i % 3] = Math.max(hi[i % 3], p[i]);
        }
        return NORMALISE_MARGIN * Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
    }

    /**
     * The connected component (faces sharing vertices) with the largest signed volume, its vertices renumbered in
     * order of first use; a new mesh with its own arrays.
     */
    static TriangleMesh outerComponent(TriangleMesh mesh) {
        int[] f = mesh.faces();
        float[] p = mesh.positions();
        UnionFind uf = new UnionFind(mesh.vertexCount());
        for (int t = 0; t < f.length; t += 3) {
            uf.union(f[t], f[t + 1]);
            uf.union(f[t], f[t + 2]);
        }
        // signed volume per component root: Σ a · (b × c) / 6 (as MeshMeasures.signedVolume)
        double[] volume = new double[mesh.vertexCount()];
        for (int t = 0; t < f.length; t += 3) {
            int a = 3 * f[t], b = 3 * f[t + 1], c = 3 * f[t + 2];
            double det = p[a] * ((double) p[b + 1] * p[c + 2] - (double) p[b + 2] * p[c + 1])
                    + p[a + 1] * ((double) p[b + 2] * p[c] - (double) p[b] * p[c + 2])
                    + p[a + 2] * ((double) p[b] * p[c + 1] - (double) p[b + 1] * p[c]);
            volume[uf.find(f[t])] += det / 6;
        }
        int best = uf.find(f[0]);
        for (int v = 0; v < volume.length; v++) {
            if (volume[v] > volume[best]) {
                best = v;
            }
        }
        int[] newId = new int[mesh.vertexCount()];
        java.util.Arrays.fill(newId, -1);
        int[] faces = new int[f.length];
        float[] kept = new float[p.length];
        int nf = 0, nv = 0;
        for (int t = 0; t < f.length; t += 3) {
            if (uf.find(f[t]) != best) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int v = f[t + c];
                if (newId[v] < 0) {
                    newId[v] = nv;
                    System.arraycopy(p, 3 * v, kept, 3 * nv, 3);
                    nv++;
                }
                faces[nf++] = newId[v];
            }
        }
        return new TriangleMesh(java.util.Arrays.copyOf(kept, 3 * nv), java.util.Arrays.copyOf(faces, nf));
    }
}
