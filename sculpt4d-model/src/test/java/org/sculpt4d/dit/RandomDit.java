package org.sculpt4d.dit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Tensor;

/**
 * Small DiTs with seeded random weights for tests, initialised like the golden generator's (O(1) activations):
 * Linear weights uniform with variance 1/fan_in, biases and LayerNorm shifts ±0.2, norm gains 1 ± 0.2.
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

    /** Random tensors for {@code layout}; each key has its own stream, so a key's tensor depends only on seed and key. */
    public static Map<String, Tensor> weights(Map<String, int[]> layout, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : layout.entrySet()) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e.getKey().hashCode());
            int[] shape = e.getValue();
            boolean gain = shape.length == 1 && e.getKey().endsWith(".weight");
            Tensor t = Tensor.zeros(shape);
            float[] d = t.data();
            double scale = shape.length == 2 ? Math.sqrt(3.0 / shape[1]) : 0.2;
            for (int i = 0; i < d.length; i++) d[i] = (float) ((gain ? 1 : 0) + scale * (2 * r.nextDouble() - 1));
            out.put(e.getKey(), t);
        }
        return out;
    }

    /** In-memory weights. */
    public static Weights source(Map<String, Tensor> tensors) {
        return new Weights() {
            @Override
            public String source() {
                return "random weights";
            }

            @Override
            public Set<String> keys() {
                return tensors.keySet();
            }

            @Override
            public int[] shape(String key) {
                return tensors.get(key).shape();
            }

            @Override
            public Tensor load(String key) {
                return tensors.get(key).copy();
            }
        };
    }

    /** A DiT with random weights. */
    public static HunyuanDiT build(DitConfig c, long seed) {
        return HunyuanDiT.load(source(weights(DitLayout.of(c), seed)), c, true);
    }
}
