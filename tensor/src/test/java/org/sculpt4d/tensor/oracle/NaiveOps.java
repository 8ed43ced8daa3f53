package org.sculpt4d.tensor.oracle;

import org.sculpt4d.tensor.backend.Erf;

/** Straightforward double-precision definitions of the row operations: the oracle every backend is checked against. */
public final class NaiveOps {
    private NaiveOps() {
    }

    /** LayerNorm of one row (biased variance), PyTorch's definition. */
    public static double[] layerNorm(float[] x, float[] gamma, float[] beta, double eps) {
        int n = x.length;
        double mean = 0;
        for (float v : x) mean += v;
        mean /= n;
        double var = 0;
        for (float v : x) var += (v - mean) * (v - mean);
        var /= n;
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            y[j] = (x[j] - mean) / Math.sqrt(var + eps);
            if (gamma != null) y[j] *= gamma[j];
            if (beta != null) y[j] += beta[j];
        }
        return y;
    }

    /** RMSNorm of one row. */
    public static double[] rmsNorm(float[] x, float[] gamma, double eps) {
        double ss = 0;
        for (float v : x) ss += (double) v * v;
        double inv = 1 / Math.sqrt(ss / x.length + eps);
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) y[j] = x[j] * inv * (gamma == null ? 1 : gamma[j]);
        return y;
    }

    /** Softmax of one row. */
    public static double[] softmax(float[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) max = Math.max(max, v);
        double sum = 0;
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) sum += y[j] = Math.exp(x[j] - max);
        for (int j = 0; j < x.length; j++) y[j] /= sum;
        return y;
    }

    /** Exact GELU, {@code x·Φ(x)}, through an independent erf (commons-math) in the tests that need it. */
    public static double gelu(double x, java.util.function.DoubleUnaryOperator erf) {
        return 0.5 * x * (1 + erf.applyAsDouble(x / Math.sqrt(2)));
    }

    public static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    /** The project's erf, for tests that check something other than erf itself. */
    public static double erf(double x) {
        return Erf.erf(x);
    }
}
