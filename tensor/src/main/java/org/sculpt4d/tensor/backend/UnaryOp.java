package org.sculpt4d.tensor.backend;

/** Elementwise functions the models use, each with its exact scalar definition (the oracle for every backend). */
public enum UnaryOp {
    /** Exact GELU, {@code x·Φ(x) = x/2·(1 + erf(x/√2))} (PyTorch's default, not the tanh form). */
    GELU,
    /** {@code x·σ(x)}. */
    SILU,
    SIN,
    COS,
    EXP;

    /** The scalar definition, in double where the float rounding would otherwise be visible. */
    public float apply(float x) {
        switch (this) {
            case GELU: return (float) (0.5 * x * (1.0 + Erf.erf(x * 0.7071067811865476)));
            case SILU: return (float) (x / (1.0 + Math.exp(-x)));
            case SIN: return (float) Math.sin(x);
            case COS: return (float) Math.cos(x);
            case EXP: return (float) Math.exp(x);
            default: throw new AssertionError(this);
        }
    }
}
