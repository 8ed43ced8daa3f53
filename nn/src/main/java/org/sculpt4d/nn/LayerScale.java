package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/** A learned per-channel scale of a residual branch, {@code x ⊙ λ} (DINOv2's {@code layer_scale*.lambda1}). */
public final class LayerScale {
    private final Tensor lambda;

    public LayerScale(Tensor lambda) {
        this.lambda = lambda.requireShape("LayerScale lambda", -1);
    }

    /** Loads {@code lambda1 [dim]} from {@code w}. */
    public static LayerScale load(WeightBinder w, int dim) {
        return new LayerScale(w.take("lambda1", dim));
    }

    /** {@code x [..., dim]} → {@code x ⊙ λ}. */
    public Tensor forward(Tensor x) {
        return Ops.mul(x, lambda);
    }
}
