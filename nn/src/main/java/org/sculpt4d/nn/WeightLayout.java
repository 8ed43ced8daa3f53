package org.sculpt4d.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's expected state dict as key → shape, checked against a {@link Weights} source before any tensor is read,
 * and counted without allocating anything.
 */
public final class WeightLayout {
    private WeightLayout() {
    }

    /** Total number of parameters of {@code layout}. */
    public static long parameterCount(Map<String, int[]> layout) {
        return layout.values().stream().mapToLong(s -> Arrays.stream(s).asLongStream().reduce(1, Math::multiplyExact)).sum();
    }

    /**
     * Throws a {@link WeightLoadException} naming every key of {@code layout} that {@code weights} lacks or holds with
     * another shape and, when {@code strict}, every key of {@code weights} the layout does not list.
     */
    public static void check(Weights weights, Map<String, int[]> layout, boolean strict) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, int[]> e : layout.entrySet()) {
            String key = e.getKey();
            if (!weights.keys().contains(key)) {
                problems.add("missing " + key + " " + Arrays.toString(e.getValue()));
            } else if (!Arrays.equals(weights.shape(key), e.getValue())) {
                problems.add("shape of " + key + " is " + Arrays.toString(weights.shape(key)) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        if (strict) {
            Set<String> unexpected = new TreeSet<>(weights.keys());
            unexpected.removeAll(layout.keySet());
            for (String k : unexpected) problems.add("unexpected " + k + " " + Arrays.toString(weights.shape(k)));
        }
        if (!problems.isEmpty()) throw new WeightLoadException(weights.source(), problems);
    }

    /** Collects a layout in module order, every key under a common prefix ("" for none). */
    public static final class Builder {
        private final String prefix;
        private final Map<String, int[]> shapes = new LinkedHashMap<>();

        public Builder(String prefix) {
            this.prefix = prefix;
        }

        public Builder put(String key, int... shape) {
            shapes.put(prefix + key, shape);
            return this;
        }

        /** {@code key.weight [out, in]} and, with {@code bias}, {@code key.bias [out]}. */
        public Builder linear(String key, int in, int out, boolean bias) {
            put(key + ".weight", out, in);
            return bias ? put(key + ".bias", out) : this;
        }

        /** An affine norm: {@code key.weight [dim]}, {@code key.bias [dim]}. */
        public Builder norm(String key, int dim) {
            return put(key + ".weight", dim).put(key + ".bias", dim);
        }

        /** The layout so far (the builder's own map). */
        public Map<String, int[]> shapes() {
            return shapes;
        }
    }
}
