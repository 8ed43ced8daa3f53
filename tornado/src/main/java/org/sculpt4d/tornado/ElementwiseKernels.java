package org.sculpt4d.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * One work-item per element: the {@link org.sculpt4d.tensor.backend.UnaryOp} functions and the
 * {@link org.sculpt4d.tensor.backend.BinaryOp} operations with a broadcast row, selected by their ordinal.
 */
final class ElementwiseKernels {

    /** Int parameters of {@link #map}: element count, op ordinal. */
    static final int COUNT = 0, OP = 1;
    /** Int parameters of {@link #binary}: rows, cols, rows of b, op ordinal. */
    static final int ROWS = 0, COLS = 1, B_ROWS = 2, BINARY_OP = 3, BINARY_PARAMS = 4;

    private ElementwiseKernels() {
    }

    /** {@code y[i] = f(x[i])}, f by {@link org.sculpt4d.tensor.backend.UnaryOp} ordinal: GELU, SiLU, sin, cos, exp. */
    static void map(KernelContext ctx, IntArray p, FloatArray x, FloatArray y) {
        int i = ctx.globalIdx;
        if (i < p.get(COUNT)) {
            int op = p.get(OP);
            float v = x.get(i);
            float r;
            if (op == 0) {
                r = 0.5f * v * (1f + erf(v * 0.70710677f));
            } else if (op == 1) {
                r = v / (1f + TornadoMath.exp(-v));
            } else if (op == 2) {
                r = TornadoMath.sin(v);
            } else if (op == 3) {
                r = TornadoMath.cos(v);
            } else {
                r = TornadoMath.exp(v);
            }
            y.set(i, r);
        }
    }

    /** {@code out = a ∘ b[row mod bRows]}, ∘ by {@link org.sculpt4d.tensor.backend.BinaryOp} ordinal: +, −, ×, ÷. */
    static void binary(KernelContext ctx, IntArray p, FloatArray a, FloatArray b, FloatArray out) {
        int i = ctx.globalIdx;
        int cols = p.get(COLS);
        if (i < p.get(ROWS) * cols) {
            int row = i / cols;
            float x = a.get(i);
            float y = b.get((row % p.get(B_ROWS)) * cols + (i - row * cols));
            int op = p.get(BINARY_OP);
            float r;
            if (op == 0) {
                r = x + y;
            } else if (op == 1) {
                r = x - y;
            } else if (op == 2) {
                r = x * y;
            } else {
                r = x / y;
            }
            out.set(i, r);
        }
    }

    /**
     * erf in float32 on the device (no erf in TornadoMath): Abramowitz and Stegun 7.1.26, absolute error below
     * 1.5e-7, which is below float32 resolution of GELU's {@code 1 + erf}.
     */
    static float erf(float x) {
        float ax = TornadoMath.abs(x);
        float t = 1f / (1f + 0.3275911f * ax);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f
                + t * 1.061405429f))));
        float r = 1f - poly * TornadoMath.exp(-ax * ax);
        if (x < 0f) {
            r = -r;
        }
        return r;
    }
}
