package org.sculpt4d.dit;

import java.util.Map;
import java.util.SplittableRandom;
import org.sculpt4d.nn.SeededWeights;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Tensor;

/**
 * Small DiTs with seeded random weights ({@link SeededWeights}) for tests.
 */
public final class RandomDit {
    private RandomDit() {
    }

    /** A small config drawn from {@code seed}: hidden 8–48, 1–3 heads, depth 1–6, any MoE count, both qk-norms. */
    public static DitConfig config(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int heads = 1 + r.nextInt(3), hidden = heads * (4 + 4 * r.nextInt(4)), depth = 1 + r.nextInt(6);
        int experts = 1 + r.nextInt(4);
        return new DitConfig(4 + r.nextInt(12), 1 + r.nextInt(8), hidden, 2 + r.nextInt(12), depth, heads,
                r.nextInt(4) > 0, r.nextBoolean() ? DitConfig.QkNormType.RMS : DitConfig.QkNormType.LAYER,
                r.nextBoolean(), r.nextInt(depth + 1), experts, 1 + r.nextInt(experts));
    }

    /** Random tensors for {@code layout} ({@link SeededWeights}). */
    public static Map<String, Tensor> weights(Map<String, int[]> layout, long seed) {
        return SeededWeights.of(layout, seed);
    }

    /** In-memory weights. */
    public static Weights source(Map<String, Tensor> tensors) {
        return Weights.of("random weights", tensors);
    }

    /** A DiT with random weights. */
    public static HunyuanDiT build(DitConfig c, long seed) {
        return HunyuanDiT.load(source(weights(DitLayout.of(c), seed)), c, true);
    }
}
