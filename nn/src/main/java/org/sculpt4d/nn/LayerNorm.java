package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * LayerNorm over the last axis with an explicit eps (Hunyuan uses 1e-6 inside blocks and 1e-5 for the two
 * {@code ln_post}, spec §2.6/§9.3); {@code weight}/{@code bias} keys when affine.
 */
public final class LayerNorm {
    private final Tensor weight;
    private final Tensor bias;
    private final float eps;

    public LayerNorm(Tensor weight, Tensor bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    public static LayerNorm load(WeightBinder w, int dim, float eps) {
        return new LayerNorm(w.take("weight", dim), w.take("bias", dim), eps);
    }

    public Tensor forward(Tensor x) {
        return Ops.layerNorm(x, weight, bias, eps);
    }
}
