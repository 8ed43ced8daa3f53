package org.sculpt4d.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Kernels that reduce over a row, one work-item per row: LayerNorm (biased variance, eps inside the root), RMSNorm
 * and the max-subtracted softmax, as defined on {@link org.sculpt4d.tensor.backend.Backend}. Row sums are accumulated
 * in double, as the scalar reference does: a float32 sum over a thousand columns drifts by ~1e-6 relative, which the
 * backend properties' tolerances (set for the reference's double sums) do not allow.
 */
final class RowKernels {

    /** Layout of the int parameters: rows, cols, and whether gamma / beta are given (1) or absent (0). */
    static final int ROWS = 0, COLS = 1, HAS_GAMMA = 2, HAS_BETA = 3, PARAMS = 4;

    private RowKernels() {
    }

    /** {@code y = (x − mean) / sqrt(var + eps) · gamma + beta}; {@code eps[0]} is eps. */
    static void layerNorm(KernelContext ctx, IntArray p, FloatArray eps, FloatArray x, FloatArray gamma,
                          FloatArray beta, FloatArray y) {
        int r = ctx.globalIdx;
        if (r < p.get(ROWS)) {
            int cols = p.get(COLS);
            int at = r * cols;
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += x.get(at + j);
            }
            double mean = sum / cols;
            double var = 0;
            for (int j = 0; j < cols; j++) {
                double c = x.get(at + j) - mean;
                var += c * c;
            }
            float inv = (float) (1.0 / TornadoMath.sqrt(var / cols + eps.get(0)));
            float m = (float) mean;
            for (int j = 0; j < cols; j++) {
                float value = (x.get(at + j) - m) * inv;
                if (p.get(HAS_GAMMA) == 1) {
                    value *= gamma.get(j);
                }
                if (p.get(HAS_BETA) == 1) {
                    value += beta.get(j);
                }
                y.set(at + j, value);
            }
        }
    }

    /** {@code y = x / sqrt(mean(x²) + eps) · gamma}; {@code eps[0]} is eps. */
    static void rmsNorm(KernelContext ctx, IntArray p, FloatArray eps, FloatArray x, FloatArray gamma, FloatArray y) {
        int r = ctx.globalIdx;
        if (r < p.get(ROWS)) {
            int cols = p.get(COLS);
            int at = r * cols;
            double squares = 0;
            for (int j = 0; j < cols; j++) {
                double v = x.get(at + j);
                squares += v * v;
            }
            float inv = (float) (1.0 / TornadoMath.sqrt(squares / cols + eps.get(0)));
            for (int j = 0; j < cols; j++) {
                float value = x.get(at + j) * inv;
                if (p.get(HAS_GAMMA) == 1) {
                    value *= gamma.get(j);
                }
                y.set(at + j, value);
            }
        }
    }

    /** Each row of x becomes its softmax, in place. */
    static void softmax(KernelContext ctx, IntArray p, FloatArray x) {
        int r = ctx.globalIdx;
        if (r < p.get(ROWS)) {
            int cols = p.get(COLS);
            int at = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = TornadoMath.max(max, x.get(at + j));
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = TornadoMath.exp(x.get(at + j) - max);
                x.set(at + j, e);
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) {
                x.set(at + j, x.get(at + j) * inv);
            }
        }
    }
}
