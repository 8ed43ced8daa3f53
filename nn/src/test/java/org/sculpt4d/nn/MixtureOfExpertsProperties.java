package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.NaiveOps;
import org.sculpt4d.tensor.oracle.RandomTensors;

/** Properties of {@link MixtureOfExperts} with random experts and gates. */
class MixtureOfExpertsProperties {
    /**
     * Spec §3.5: the router keeps the top-k experts of softmax(x·W_gateᵀ) and weighs them by their raw probabilities
     * (NOT renormalised over the chosen k), checked against a double-precision softmax.
     */
    @Property(tries = 40)
    void moeWeightsAreTheRawSoftmaxProbabilities(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int experts,
                                                 @ForAll @IntRange(min = 1, max = 6) int k) {
        int topK = Math.min(k, experts), width = 8, rows = 12;
        MixtureOfExperts moe = randomMoe(seed, width, experts, topK);
        Tensor x = RandomTensors.uniform(seed, 3f, rows, width);
        MixtureOfExperts.Routing routing = moe.route(x);
        Tensor logits = Ops.linear(x, gateOf(seed, experts, width), null);
        for (int r = 0; r < rows; r++) {
            double[] p = NaiveOps.softmax(logits.select(r).toArray());
            double[] sorted = p.clone();
            Arrays.sort(sorted);
            double kth = sorted[experts - topK], next = topK < experts ? sorted[experts - topK - 1] : -1;
            if (kth - next < 1e-5) continue; // a near tie: float32 may legitimately pick either
            for (int j = 0; j < topK; j++) { // p_e, not p_e / Σ_chosen p (which differs once the others have mass)
                int e = routing.expert()[r * topK + j];
                assertTrue(p[e] >= kth, "row " + r + ": expert " + e + " is not among the top " + topK);
                assertEquals(p[e], routing.weight()[r * topK + j], 1e-6, "row " + r + " expert " + e);
            }
        }
    }

    /** The mixture equals its definition evaluated token by token: Σ p_e·expert_e(x) over the chosen experts + shared(x). */
    @Property(tries = 25)
    void moeIsTheWeightedSumOfTheChosenExperts(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int experts,
                                               @ForAll @IntRange(min = 1, max = 30) int rows) {
        int topK = Math.min(2, experts), width = 8;
        MixtureOfExperts moe = randomMoe(seed, width, experts, topK);
        GeluMlp[] mlps = expertsOf(seed, width, experts + 1);
        Tensor x = RandomTensors.uniform(seed, 2f, rows, width);
        MixtureOfExperts.Routing routing = moe.route(x);
        Tensor y = moe.forward(x);
        for (int r = 0; r < rows; r++) {
            Tensor row = x.slice(r, r + 1);
            float[] expected = mlps[experts].forward(row).toArray();
            for (int j = 0; j < topK; j++) {
                float[] e = mlps[routing.expert()[r * topK + j]].forward(row).toArray();
                for (int i = 0; i < width; i++) expected[i] += routing.weight()[r * topK + j] * e[i];
            }
            assertArrayEquals(expected, y.select(r).toArray(), 1e-5f, "row " + r);
        }
    }

    private static Tensor gateOf(long seed, int experts, int width) {
        return RandomTensors.uniform(seed * 31 + 7, (float) Math.sqrt(3.0 / width) * 3, experts, width);
    }

    /** {@code count} random GELU MLPs of width → 2·width → width, the same for the same seed. */
    private static GeluMlp[] expertsOf(long seed, int width, int count) {
        GeluMlp[] out = new GeluMlp[count];
        for (int e = 0; e < count; e++) {
            long s = seed * 97 + e;
            out[e] = new GeluMlp(
                    new Linear(RandomTensors.uniform(s, (float) Math.sqrt(3.0 / width), 2 * width, width),
                            RandomTensors.uniform(s + 1, 0.2f, 2 * width)),
                    new Linear(RandomTensors.uniform(s + 2, (float) Math.sqrt(1.5 / width), width, 2 * width),
                            RandomTensors.uniform(s + 3, 0.2f, width)));
        }
        return out;
    }

    /** Routed experts 0..n−1 and the shared expert n of {@link #expertsOf}, with the gate of {@link #gateOf}. */
    private static MixtureOfExperts randomMoe(long seed, int width, int experts, int topK) {
        GeluMlp[] all = expertsOf(seed, width, experts + 1);
        return new MixtureOfExperts(gateOf(seed, experts, width), Arrays.copyOf(all, experts), all[experts], topK);
    }
}
