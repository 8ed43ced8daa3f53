package org.sculpt4d.nn;

import java.util.Map;
import java.util.Set;
import org.sculpt4d.tensor.Tensor;

/** In-memory {@link Weights} for tests. */
record MapWeights(String source, Map<String, Tensor> map) implements Weights {
    public Set<String> keys() {
        return map.keySet();
    }

    public int[] shape(String key) {
        return map.get(key).shape();
    }

    public Tensor load(String key) {
        return map.get(key);
    }
}
