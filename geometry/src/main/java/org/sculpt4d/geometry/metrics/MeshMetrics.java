package org.sculpt4d.geometry.metrics;

import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.sampling.UniformSurfaceSampler;

/**
 * The evaluation protocol of spec sculpt4d-method.md §6 for one predicted and one ground-truth mesh, both already in
 * the jointly normalised frame of the ground-truth sequence: Chamfer and F-scores on {@code samples} area-weighted
 * surface points per mesh (independent seeded draws), volumetric IoU on {@code iouPoints} uniform points and, when
 * {@code iouGrid > 0}, on an {@code iouGrid}³ grid. Deterministic for a given seed; the thread count changes only the
 * speed. Immutable; the setters return modified copies.
 */
public final class MeshMetrics {
    /** The protocol's surface samples per mesh. */
    public static final int DEFAULT_SAMPLES = 100_000;

    private final int samples;
    private final int iouPoints;
    private final int iouGrid;
    private final long seed;
    private final int threads;

    /** The protocol's sizes (100k samples, 100k IoU points, 128³ grid), seed 0, all processors. */
    public MeshMetrics() {
        this(DEFAULT_SAMPLES, VolumeIoU.DEFAULT_POINTS, VolumeIoU.DEFAULT_GRID, 0,
                Runtime.getRuntime().availableProcessors());
    }

    private MeshMetrics(int samples, int iouPoints, int iouGrid, long seed, int threads) {
        this.samples = samples;
        this.iouPoints = iouPoints;
        this.iouGrid = iouGrid;
        this.seed = seed;
        this.threads = threads;
    }

    public MeshMetrics samples(int n) {
        if (n < 1) throw new IllegalArgumentException("surface samples must be at least 1, got " + n);
        return new MeshMetrics(n, iouPoints, iouGrid, seed, threads);
    }

    public MeshMetrics iouPoints(int n) {
        if (n < 1) throw new IllegalArgumentException("IoU points must be at least 1, got " + n);
        return new MeshMetrics(samples, n, iouGrid, seed, threads);
    }

    /** Grid points per axis for the grid IoU; 0 skips it (reported as NaN). */
    public MeshMetrics iouGrid(int n) {
        if (n < 0) throw new IllegalArgumentException("IoU grid must be 0 (off) or positive, got " + n);
        return new MeshMetrics(samples, iouPoints, n, seed, threads);
    }

    public MeshMetrics seed(long s) {
        return new MeshMetrics(samples, iouPoints, iouGrid, s, threads);
    }

    public MeshMetrics threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1, got " + n);
        return new MeshMetrics(samples, iouPoints, iouGrid, seed, n);
    }

    /**
     * The figures of one frame; {@code frame} only varies the seeds between frames.
     *
     * @throws IllegalArgumentException when either mesh has no surface area to sample
     */
    public FrameMetrics evaluate(TriangleMesh pred, TriangleMesh gt, int frame) {
        long base = seed + 4L * frame;
        float[] p = new UniformSurfaceSampler(pred).sample(samples, base).positions();
        float[] g = new UniformSurfaceSampler(gt).sample(samples, base + 1).positions();
        NearestDistances d = NearestDistances.between(p, g, threads);
        double[] f = new double[FScore.TAUS.length];
        for (int i = 0; i < f.length; i++) f[i] = FScore.at(d, FScore.TAUS[i]);
        double iouP = VolumeIoU.uniform(pred, gt, iouPoints, base + 2, threads);
        double iouG = iouGrid > 0 ? VolumeIoU.grid(pred, gt, iouGrid, threads) : Double.NaN;
        return new FrameMetrics(Chamfer.sum(d), Chamfer.onet(d), f, iouP, iouG);
    }
}
