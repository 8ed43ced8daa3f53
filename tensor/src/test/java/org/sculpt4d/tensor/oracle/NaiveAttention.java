package org.sculpt4d.tensor.oracle;

import org.sculpt4d.tensor.BlockMask;

/**
 * The attention oracle: per head, the full {@code nq × nk} score matrix in double precision with the block mask
 * expanded to token level ({@link BlockMask#attends}), masked-out scores {@code -inf}, a max-subtracted softmax per
 * row, then {@code P·V}. A row with no attended key is all zeros. Slow on purpose: it shares no code or structure with
 * the kernels it checks.
 */
public final class NaiveAttention {
    private NaiveAttention() {
    }

    /**
     * Same layout as {@link org.sculpt4d.tensor.backend.Backend#attention}; returns {@code out[i][h·headDim + j]}.
     * {@code mask == null} is dense.
     */
    public static double[][] attention(int nq, int nk, int heads, int headDim, double scale,
                                       float[] q, int qOff, int ldq,
                                       float[] k, int kOff, int ldk,
                                       float[] v, int vOff, int ldv,
                                       BlockMask mask) {
        double[][] out = new double[nq][heads * headDim];
        double[][] s = new double[nq][nk];
        for (int h = 0; h < heads; h++) {
            int c0 = h * headDim;
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < nk; j++) {
                    if (mask != null && !mask.attends(i, j)) {
                        s[i][j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) q[qOff + i * ldq + c0 + d] * k[kOff + j * ldk + c0 + d];
                    }
                    s[i][j] = dot * scale;
                }
            }
            for (int i = 0; i < nq; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nk; j++) max = Math.max(max, s[i][j]);
                if (max == Double.NEGATIVE_INFINITY) continue; // no key: the row stays zero
                double sum = 0;
                for (int j = 0; j < nk; j++) {
                    s[i][j] = Math.exp(s[i][j] - max); // exp(-inf) = 0 for masked keys
                    sum += s[i][j];
                }
                for (int j = 0; j < nk; j++) {
                    double p = s[i][j] / sum;
                    if (p == 0) continue;
                    for (int d = 0; d < headDim; d++) out[i][c0 + d] += p * v[vOff + j * ldv + c0 + d];
                }
            }
        }
        return out;
    }
}
