package org.sculpt4d.geometry.metrics;

/**
 * F-score at a distance threshold τ (spec sculpt4d-method.md §6): precision P = share of predicted points within τ of
 * the ground truth, recall R = share of ground-truth points within τ of the prediction, {@code F = 2PR / (P + R)}
 * (0 when both are 0). The protocol reports τ = {@link #TAUS}, in the units of the jointly normalised [−1, 1]³ box.
 */
public final class FScore {
    /** The reported thresholds; 0.02 is the headline one. */
    public static final double[] TAUS = {0.01, 0.02, 0.05};

    private FScore() {
    }

    public static double precision(NearestDistances d, double tau) {
        return NearestDistances.shareWithin(d.predToGt(), tau);
    }

    public static double recall(NearestDistances d, double tau) {
        return NearestDistances.shareWithin(d.gtToPred(), tau);
    }

    /** Harmonic mean of precision and recall at τ. */
    public static double at(NearestDistances d, double tau) {
        double p = precision(d, tau), r = recall(d, tau);
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
}
