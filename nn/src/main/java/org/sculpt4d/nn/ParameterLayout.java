package org.sculpt4d.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks of a model's state-dict layout (key → shape, as a model's layout class lists it from its config) that need
 * no tensor data: the parameter count, and whether a weights source fits, with every problem named.
 */
public final class ParameterLayout {
    private ParameterLayout() {
    }

    /** Total number of parameters of {@code layout}, from shapes alone. */
    public static long parameterCount(Map<String, int[]> layout) {
        return layout.values().stream().mapToLong(s -> Arrays.stream(s).asLongStream().reduce(1, Math::multiplyExact)).sum();
    }

    /**
     * Checks {@code weights} against {@code layout} without reading any tensor, and throws a
     * {@link WeightLoadException} naming every missing and mis-shaped key and, when {@code strict}, every key of the
     * source that the layout does not have.
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
}
