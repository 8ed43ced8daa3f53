package org.sculpt4d.geometry.metrics;

import org.sculpt4d.geometry.ParallelRange;

/**
 * Both directed nearest-neighbour distance sets between a predicted and a ground-truth point set: for every predicted
 * point the Euclidean distance to the nearest ground-truth point, and the other way round. Chamfer distance and
 * F-score are functions of these two arrays ({@link Chamfer}, {@link FScore}).
 *
 * @param predToGt one distance per predicted point
 * @param gtToPred one distance per ground-truth point
 */
public record NearestDistances(double[] predToGt, double[] gtToPred) {
    public NearestDistances {
        if (predToGt.length == 0 || gtToPred.length == 0) {
            throw new IllegalArgumentException("nearest distances need two non-empty point sets");
        }
    }

    /** The distances between two point sets (3 floats per point), computed with k-d trees on {@code threads} threads. */
    public static NearestDistances between(float[] pred, float[] gt, int threads) {
        PointKdTree predTree = new PointKdTree(pred), gtTree = new PointKdTree(gt);
        return new NearestDistances(to(gtTree, pred, threads), to(predTree, gt, threads));
    }

    /** The same distances with the roles of prediction and ground truth exchanged. */
    public NearestDistances swapped() {
        return new NearestDistances(gtToPred, predToGt);
    }

    /** Distance from each of {@code points} to the nearest point of {@code tree}. */
    public static double[] to(PointKdTree tree, float[] points, int threads) {
        double[] d = new double[points.length / 3];
        ParallelRange.run(d.length, 4096, threads, (from, end) -> {
            for (int i = from; i < end; i++) {
                d[i] = tree.nearestDistance(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
            }
        });
        return d;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    /** Share of the values at most τ. */
    static double shareWithin(double[] values, double tau) {
        int n = 0;
        for (double v : values) if (v <= tau) n++;
        return (double) n / values.length;
    }
}
