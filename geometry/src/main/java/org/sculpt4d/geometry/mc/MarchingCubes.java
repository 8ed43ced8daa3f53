package org.sculpt4d.geometry.mc;

import org.sculpt4d.geometry.ParallelRange;

/**
 * Marching cubes (Lorensen &amp; Cline 1987) with the topology of the trilinear interpolant (MC33: Chernyaev 1995;
 * Lewiner et al. 2003) over a dense float grid.
 *
 * <p>The grid holds nx·ny·nz samples with x the slowest-varying index: sample (i, j, k) is
 * {@code grid[(i·ny + j)·nz + k]}, as numpy's C order with {@code meshgrid(..., indexing="ij")}. A sample is
 * <em>inside</em> when {@code value − level > 0} strictly; a value exactly at the level and NaN count as outside
 * (scikit-image's convention, spec geometry-references.md §1.1). Triangles are wound outward for a field that is
 * positive inside, such as Hunyuan3D's logits (spec hunyuan3d21-shape.md §6.3; the same winding as Hunyuan's export
 * after its face flip); call {@link IsoSurface#flipped()} for an SDF that is negative inside.
 *
 * <p>Per cell: the 8 inside bits select a configuration; each ambiguous face is resolved with the asymptotic decider
 * (Nielson &amp; Hamann 1991) and possible tunnels with an exact interior test; the tiling comes from tables derived
 * at start-up ({@link CubeCases}). One vertex per crossing edge, by linear interpolation along the edge (snapping
 * onto a sample that is exactly at the level), plus a cell-centre vertex in the MC33 subcases that need one. On a
 * field padded with outside samples the output is closed: every edge is shared by exactly two triangles and
 * neighbouring triangles are wound consistently.
 *
 * <p>Vertex coordinates are {@code origin + spacing · index} (defaults 0 and 1: index units, as scikit-image), or,
 * with {@link #bounds}, the box mapping of Hunyuan3D's query grid: {@code min + index · (max − min) / R} for R = n − 1
 * cells, or with {@link #hunyuanCompat(boolean)} upstream's {@code index / (R+1) · (max − min) + min} (spec §6.2).
 *
 * <p>The grid is cut into slabs of whole x-layers, fixed by nx alone, and the slabs run on {@link #threads(int)}
 * workers; the output (vertex order included) does not depend on the thread count. Instances are immutable; the
 * setters return modified copies.
 */
public final class MarchingCubes {
    private final double level;
    private final double[] origin;
    private final double[] spacing;
    private final double[] boxMin;
    private final double[] boxMax;
    private final boolean hunyuanCompat;
    private final int threads;

    /** Level 0, index coordinates, all available processors. */
    public MarchingCubes() {
        this(0, new double[3], new double[] {1, 1, 1}, null, null, false,
                Runtime.getRuntime().availableProcessors());
    }

    private MarchingCubes(double level, double[] origin, double[] spacing, double[] boxMin, double[] boxMax,
            boolean hunyuanCompat, int threads) {
        this.level = level;
        this.origin = origin;
        this.spacing = spacing;
        this.boxMin = boxMin;
        this.boxMax = boxMax;
        this.hunyuanCompat = hunyuanCompat;
        this.threads = threads;
    }

    /** The iso-level (Hunyuan's {@code mc_level}); inside means {@code value − level > 0}. */
    public MarchingCubes level(double level) {
        if (Double.isNaN(level)) {
            throw new IllegalArgumentException("level is NaN");
        }
        return new MarchingCubes(level, origin, spacing, boxMin, boxMax, hunyuanCompat, threads);
    }

    /** World position of sample (0, 0, 0); clears any {@link #bounds} mapping. */
    public MarchingCubes origin(double x, double y, double z) {
        return new MarchingCubes(level, new double[] {x, y, z}, spacing, null, null, hunyuanCompat, threads);
    }

    /** Distance between neighbouring samples along x, y, z; clears any {@link #bounds} mapping. */
    public MarchingCubes spacing(double x, double y, double z) {
        return new MarchingCubes(level, origin, new double[] {x, y, z}, null, null, hunyuanCompat, threads);
    }

    /** Maps the grid onto the box [−b, b]³ (Hunyuan3D: b = 1.01). */
    public MarchingCubes bounds(double b) {
        return bounds(new double[] {-b, -b, -b}, new double[] {b, b, b});
    }

    /** Maps the first sample onto {@code min} and the last onto {@code max} (or, with hunyuanCompat, R/(R+1) of it). */
    public MarchingCubes bounds(double[] min, double[] max) {
        if (min.length != 3 || max.length != 3) {
            throw new IllegalArgumentException("bounds need 3 coordinates each");
        }
        return new MarchingCubes(level, origin, spacing, min.clone(), max.clone(), hunyuanCompat, threads);
    }

    /**
     * Reproduces Hunyuan3D 2.1's index→world mapping, which divides by R+1 instead of R (a known upstream quirk; off
     * by default). Only meaningful together with {@link #bounds}.
     */
    public MarchingCubes hunyuanCompat(boolean on) {
        return new MarchingCubes(level, origin, spacing, boxMin, boxMax, on, threads);
    }

    /** Number of worker threads (1 = run on the calling thread). */
    public MarchingCubes threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        return new MarchingCubes(level, origin, spacing, boxMin, boxMax, hunyuanCompat, n);
    }

    public double level() {
        return level;
    }

    public int threads() {
        return threads;
    }

    /**
     * Extracts the level set of a grid of nx·ny·nz samples (x slowest).
     *
     * @return the surface; empty when no cell crosses the level or a dimension is below 2
     * @throws IllegalStateException when hunyuanCompat is on without bounds
     */
    public IsoSurface extract(float[] grid, int nx, int ny, int nz) {
        if (nx < 0 || ny < 0 || nz < 0 || (long) nx * ny * nz != grid.length) {
            throw new IllegalArgumentException(
                    "grid has " + grid.length + " samples, not " + nx + "×" + ny + "×" + nz);
        }
        if (hunyuanCompat && boxMin == null) {
            throw new IllegalStateException("hunyuanCompat needs bounds(...)");
        }
        if (nx < 2 || ny < 2 || nz < 2) {
            return new IsoSurface(new float[0], new int[0], 0);
        }
        GridMapping map = boxMin != null
                ? GridMapping.box(boxMin, boxMax, new int[] {nx, ny, nz}, hunyuanCompat)
                : new GridMapping(origin, spacing);

        int layers = nx - 1;
        int perSlab = Math.max(8, (layers + 63) / 64);
        int slabs = (layers + perSlab - 1) / perSlab;
        SlabExtractor.Result[] results = new SlabExtractor.Result[slabs];
        // slabs in parallel, one extractor (edge caches) per run of slabs a worker takes
        ParallelRange.run(slabs, 1, threads, (from, to) -> {
            SlabExtractor ex = new SlabExtractor(grid, nx, ny, nz, level, map);
            for (int s = from; s < to; s++) results[s] = ex.run(s * perSlab, Math.min(layers, (s + 1) * perSlab));
        });
        return merge(results);
    }

    /** Concatenates the slabs: edge vertices in slab order, then centre vertices, faces renumbered. */
    private static IsoSurface merge(SlabExtractor.Result[] results) {
        int slabs = results.length;
        int[] edgeOffset = new int[slabs + 1];
        int[] centreOffset = new int[slabs + 1];
        long faceInts = 0;
        for (int s = 0; s < slabs; s++) {
            edgeOffset[s + 1] = edgeOffset[s] + results[s].vertexCount;
            centreOffset[s + 1] = centreOffset[s] + results[s].centreCount;
            faceInts += results[s].faceIndexCount;
        }
        int edgeVertices = edgeOffset[slabs];
        int centres = centreOffset[slabs];
        if ((long) 3 * (edgeVertices + centres) > Integer.MAX_VALUE - 8 || faceInts > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("surface too large for int-indexed arrays");
        }
        float[] vertices = new float[3 * (edgeVertices + centres)];
        int[] faces = new int[(int) faceInts];
        int at = 0;
        for (int s = 0; s < slabs; s++) {
            SlabExtractor.Result r = results[s];
            System.arraycopy(r.vertices, 0, vertices, 3 * edgeOffset[s], 3 * r.vertexCount);
            System.arraycopy(r.centres, 0, vertices, 3 * (edgeVertices + centreOffset[s]), 3 * r.centreCount);
            int own = edgeOffset[s];
            int foreign = edgeOffset[Math.min(s + 1, slabs)];
            int centreBase = edgeVertices + centreOffset[s];
            int[] f = r.faces;
            for (int i = 0; i < r.faceIndexCount; i++) {
                int id = f[i];
                faces[at++] = id < 0 ? foreign + (-1 - id)
                        : (id & SlabExtractor.CENTRE_TAG) != 0 ? centreBase + (id & ~SlabExtractor.CENTRE_TAG)
                        : own + id;
            }
        }
        return new IsoSurface(vertices, faces, centres);
    }
}
