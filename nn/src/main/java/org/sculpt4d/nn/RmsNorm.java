package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/** RMSNorm over the last axis, {@code x·rsqrt(mean(x²) + eps)·w} (the DiT's qk-norm, spec §3.4); key {@code weight}. */
public final class RmsNorm {
    private final Tensor weight;
    private final float eps;

    public RmsNorm(Tensor weight, float eps) {
        this.weight = weight;
        this.eps = eps;
    }

    public static RmsNorm load(WeightBinder w, int dim, float eps) {
        return new RmsNorm(w.take("weight", dim), eps);
    }

    public Tensor forward(Tensor x) {
        return Ops.rmsNorm(x, weight, eps);
    }
}
