package org.sculpt4d.tensor.oracle;

import java.util.SplittableRandom;
import org.sculpt4d.tensor.Tensor;

/** Seeded random test data. */
public final class RandomTensors {
    private RandomTensors() {
    }

    /** Uniform values in [-scale, scale). */
    public static Tensor uniform(long seed, float scale, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        return t;
    }
}
