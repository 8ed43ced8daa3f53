package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/** {@code y = x·Wᵀ + b} with PyTorch's {@code [out, in]} weight (keys {@code weight}, {@code bias}). */
public final class Linear {
    private final Tensor weight;
    private final Tensor bias;

    public Linear(Tensor weight, Tensor bias) {
        // a layer never changes its weight: a device backend may keep it on the device
        this.weight = Ops.constant(weight.requireShape("Linear weight", -1, -1));
        if (bias != null) bias.requireShape("Linear bias", weight.dim(0));
        this.bias = bias;
    }

    public static Linear load(WeightBinder w, int in, int out, boolean bias) {
        return new Linear(w.take("weight", out, in), bias ? w.take("bias", out) : null);
    }

    public Tensor forward(Tensor x) {
        return Ops.linear(x, weight, bias);
    }

    public int in() {
        return weight.dim(1);
    }

    public int out() {
        return weight.dim(0);
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }
}
