package org.sculpt4d.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.sculpt4d.tensor.Tensor;

/**
 * Untrained weights for a model's layout (key → shape), drawn from a seed so that activations stay O(1) at any depth,
 * as the golden generator initialises its models: matrices and convolution kernels uniform with variance 1/fan_in,
 * norm gains (1-D {@code .weight}) 1 ± 0.2, every other vector ±0.2. Each key has its own stream, so a key's tensor
 * depends only on the seed and the key (a part of a model gets the same values as the whole model).
 */
public final class SeededWeights {
    private SeededWeights() {
    }

    /** Random tensors for every key of {@code layout}, in the layout's order. */
    public static Map<String, Tensor> of(Map<String, int[]> layout, long seed) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : layout.entrySet()) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e.getKey().hashCode());
            int[] shape = e.getValue();
            Tensor t = Tensor.zeros(shape);
            float[] d = t.data();
            boolean gain = shape.length == 1 && e.getKey().endsWith(".weight");
            double base = gain ? 1 : 0;
            double scale = shape.length >= 2 ? Math.sqrt(3.0 * shape[0] / d.length) : 0.2;
            for (int i = 0; i < d.length; i++) d[i] = (float) (base + scale * (2 * r.nextDouble() - 1));
            out.put(e.getKey(), t);
        }
        return out;
    }
}
