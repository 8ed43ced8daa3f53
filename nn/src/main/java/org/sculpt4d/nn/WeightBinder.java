package org.sculpt4d.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sculpt4d.tensor.Tensor;

/**
 * Binds the parameters a model asks for to the tensors of a {@link Weights} source, checking every shape. Problems
 * are collected rather than thrown one at a time, so that {@link #finish} reports every missing, mis-shaped and
 * (in strict mode) unexpected key by name in one error.
 */
public final class WeightBinder {
    private final Weights weights;
    private final String prefix;
    private final Set<String> used;
    private final List<String> problems;

    public WeightBinder(Weights weights) {
        this(weights, "", new LinkedHashSet<>(), new ArrayList<>());
    }

    private WeightBinder(Weights weights, String prefix, Set<String> used, List<String> problems) {
        this.weights = weights;
        this.prefix = prefix;
        this.used = used;
        this.problems = problems;
    }

    /** A binder for the sub-module {@code name} (keys {@code prefix + name + "."}), sharing this one's bookkeeping. */
    public WeightBinder at(String name) {
        return new WeightBinder(weights, prefix + name + ".", used, problems);
    }

    /** Whether the source has {@code name} under this binder's prefix. */
    public boolean has(String name) {
        return weights.keys().contains(prefix + name);
    }

    /**
     * The tensor {@code name} with exactly {@code shape}. A missing or mis-shaped tensor is recorded and a zero
     * tensor of the expected shape stands in, so that loading continues and every problem is reported at once.
     */
    public Tensor take(String name, int... shape) {
        String key = prefix + name;
        if (!weights.keys().contains(key)) {
            problems.add("missing " + key + " " + Arrays.toString(shape));
            return Tensor.zeros(shape);
        }
        used.add(key);
        int[] actual = weights.shape(key);
        if (!Arrays.equals(actual, shape)) {
            problems.add("shape of " + key + " is " + Arrays.toString(actual) + ", expected " + Arrays.toString(shape));
            return Tensor.zeros(shape);
        }
        return weights.load(key);
    }

    /**
     * Ends loading: throws {@link WeightLoadException} naming every problem; with {@code strict}, keys of the
     * source under {@code scope} (a prefix, "" for all) that no layer took are problems too.
     */
    public void finish(boolean strict, String scope) {
        List<String> all = new ArrayList<>(problems);
        if (strict) {
            Set<String> unexpected = new TreeSet<>();
            for (String k : weights.keys()) if (k.startsWith(scope) && !used.contains(k)) unexpected.add(k);
            for (String k : unexpected) all.add("unexpected " + k + " " + Arrays.toString(weights.shape(k)));
        }
        if (!all.isEmpty()) throw new WeightLoadException(weights.source(), all);
    }
}
