package org.sculpt4d.geometry.metrics;

/**
 * Chamfer distance on point samples (spec sculpt4d-method.md §6): the mean over predicted points of the Euclidean
 * (not squared) distance to the nearest ground-truth point plus the same the other way round. Occupancy Networks
 * report half of it ({@link #onet}). Symmetric, zero for identical sets, linear in scale; not a metric.
 */
public final class Chamfer {
    private Chamfer() {
    }

    /** mean(pred → gt) + mean(gt → pred). */
    public static double sum(NearestDistances d) {
        return NearestDistances.mean(d.predToGt()) + NearestDistances.mean(d.gtToPred());
    }

    /** The Occupancy-Networks convention: half of {@link #sum}. */
    public static double onet(NearestDistances d) {
        return sum(d) / 2;
    }
}
