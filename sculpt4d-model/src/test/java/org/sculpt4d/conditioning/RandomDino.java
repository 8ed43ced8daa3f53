package org.sculpt4d.conditioning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Tensor;

/** Small DINOv2 encoders with seeded random weights for tests (every key of {@link DinoLayout}). */
public final class RandomDino {
    private RandomDino() {
    }

    /** hidden 16, 2 heads, {@code layers} layers, patch 14, position grid {@code posGrid}, patch grid {@code grid}. */
    public static DinoConfig config(int layers, int posGrid, int grid, boolean cls) {
        return new DinoConfig(16, layers, 2, 4, 14, 14 * posGrid, 1e-6, true, 14 * grid, cls);
    }

    /** Uniform weights with variance ~1/fan_in, norm gains 1 ± 0.2, LayerScale λ = {@code lambda}. */
    public static Map<String, Tensor> weights(DinoConfig c, long seed, float lambda) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (Map.Entry<String, int[]> e : DinoLayout.of(c).entrySet()) {
            Tensor t = Tensor.zeros(e.getValue());
            int fanIn = t.size() / e.getValue()[0];
            boolean gain = e.getKey().endsWith("norm1.weight") || e.getKey().endsWith("norm2.weight")
                    || e.getKey().endsWith("layernorm.weight");
            for (int i = 0; i < t.size(); i++) {
                double u = 2 * r.nextDouble() - 1;
                t.data()[i] = e.getKey().endsWith("lambda1") ? lambda
                        : (float) (gain ? 1 + 0.2 * u : e.getValue().length >= 2 ? u * Math.sqrt(3.0 / fanIn) : 0.2 * u);
            }
            out.put(e.getKey(), t);
        }
        return out;
    }

    public static Weights of(Map<String, Tensor> map) {
        return Weights.of("random-dino", map);
    }
}
