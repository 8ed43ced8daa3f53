package org.sculpt4d.golden;

import java.util.List;
import org.sculpt4d.tensor.Tensor;

/**
 * One output as this port computed it: a shape and its values (float32 or integer values, held exactly as doubles).
 */
public record Computed(int[] shape, double[] values) {
    public Computed {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != values.length) {
            throw new IllegalArgumentException("computed output: " + values.length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    public static Computed of(Tensor t) {
        float[] d = t.data();
        double[] v = new double[t.size()];
        for (int i = 0; i < v.length; i++) v[i] = d[t.offset() + i];
        return new Computed(t.shape(), v);
    }

    /** The per-item results {@code items}, all of one shape, stacked along a new batch axis. */
    public static Computed stack(List<Tensor> items) {
        Tensor[] parts = new Tensor[items.size()];
        for (int i = 0; i < parts.length; i++) parts[i] = items.get(i).reshape(prepend(1, items.get(i).shape()));
        return parts.length == 0 ? new Computed(new int[] {0}, new double[0])
                : of(org.sculpt4d.tensor.Ops.concat(0, parts));
    }

    /** Integer values (indices, counts). */
    public static Computed ofLongs(long[] values, int... shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        return new Computed(shape, v);
    }

    private static int[] prepend(int first, int[] rest) {
        int[] s = new int[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }
}
