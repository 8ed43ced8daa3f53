package org.sculpt4d.geometry.metrics;

import java.util.List;

/**
 * The protocol's figures for one frame (spec sculpt4d-method.md §6), or their mean over frames.
 *
 * @param chamfer     {@link Chamfer#sum}, the reported Chamfer distance
 * @param chamferOnet {@link Chamfer#onet}, half of it
 * @param fScore      {@link FScore#at} for each τ of {@link FScore#TAUS}, in that order
 * @param iouPoints   {@link VolumeIoU#uniform} on random points
 * @param iouGrid     {@link VolumeIoU#grid}, or NaN when not computed
 */
public record FrameMetrics(double chamfer, double chamferOnet, double[] fScore, double iouPoints, double iouGrid) {
    public FrameMetrics {
        fScore = fScore.clone();
        if (fScore.length != FScore.TAUS.length) {
            throw new IllegalArgumentException("one F-score per τ of FScore.TAUS expected, got " + fScore.length);
        }
    }

    @Override
    public double[] fScore() {
        return fScore.clone();
    }

    /** F-score at τ = 0.02, the headline one. */
    public double fScore002() {
        return fScore[1];
    }

    /** The mean of each figure over the frames (NaN grid IoUs stay NaN). */
    public static FrameMetrics mean(List<FrameMetrics> frames) {
        if (frames.isEmpty()) throw new IllegalArgumentException("no frames to average");
        double c = 0, o = 0, ip = 0, ig = 0;
        double[] f = new double[FScore.TAUS.length];
        for (FrameMetrics m : frames) {
            c += m.chamfer;
            o += m.chamferOnet;
            ip += m.iouPoints;
            ig += m.iouGrid;
            for (int i = 0; i < f.length; i++) f[i] += m.fScore[i];
        }
        int n = frames.size();
        for (int i = 0; i < f.length; i++) f[i] /= n;
        return new FrameMetrics(c / n, o / n, f, ip / n, ig / n);
    }
}
