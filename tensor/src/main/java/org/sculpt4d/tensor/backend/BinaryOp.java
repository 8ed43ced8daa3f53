package org.sculpt4d.tensor.backend;

/** Elementwise binary operations with broadcasting (see {@link Backend#binary}). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV;

    public float apply(float a, float b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            default: throw new AssertionError(this);
        }
    }
}
