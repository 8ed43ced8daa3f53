package org.sculpt4d.nn;

import java.util.Map;
import java.util.Set;
import org.sculpt4d.tensor.Tensor;

/**
 * Named tensors as a checkpoint holds them (a state dict): shapes are known without reading data, and a tensor is
 * read (and widened to float32) only when asked for.
 */
public interface Weights {
    /** Where the weights come from, for error messages (a file name). */
    String source();

    Set<String> keys();

    /** The shape of {@code key}, without reading its data. */
    int[] shape(String key);

    /** The tensor {@code key} as float32. */
    Tensor load(String key);

    /** In-memory weights: {@code tensors} by key (not copied), {@code source} naming them in errors. */
    static Weights of(String source, Map<String, Tensor> tensors) {
        return new Weights() {
            @Override
            public String source() {
                return source;
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
                return tensors.get(key);
            }
        };
    }
}
