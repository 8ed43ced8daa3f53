package org.sculpt4d.tensor.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention of n queries over n keys for small n, for a run of consecutive positions: the T × T attention of each
 * position across the frames, the temporal-only mask's kernel (sculpt4d-method.md §2). Its arithmetic per byte is
 * small (a position's rows serve n queries only), so it reads k and v where they lie and writes the output in place:
 * per position, only q is copied, transposed and scaled, into a per-thread scratch.
 *
 * <p>Per position, head and block of 16 queries, with the queries along the vector lanes (no lane reductions, as in
 * {@link FlashAttention}): scores {@code Sᵀ = K·Qᵀ} ({@code keys × 16}), the softmax down the key axis (one query per
 * lane), and {@code O = P·V}; both products are register-blocked, 4 rows × 2 vectors of 8 per step. The scratch
 * layouts have a constant row length of 16 floats, so that the inner loops index arrays by the loop counter times a
 * constant and the JIT drops their bounds checks.
 */
final class SmallAttention {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** Queries per block: the lanes of two vectors. */
    private static final int QB = 2 * L;
    /** Rows (keys or queries) per register block. */
    private static final int MR = 4;
    /** Largest n handled here; the general kernel takes larger ones. */
    static final int MAX_N = 64;

    /** Per-thread scratch, grown on demand, so the kernel allocates nothing per call. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private SmallAttention() {
    }

    /** Whether this kernel handles the shape: n ≤ {@value #MAX_N} and a head dimension in whole pairs of vectors. */
    static boolean supports(int n, int headDim) {
        return n <= MAX_N && headDim % QB == 0;
    }

    /**
     * {@code positions} small attentions: position p's n rows are {@code stride} apart from
     * {@code off + p·heads·d} in each of q, k, v and o (the contract of
     * {@link org.sculpt4d.tensor.backend.Backend#smallAttention}).
     */
    static void attention(int n, int positions, int heads, int d, float scale, float[] q, int qOff, float[] k, int kOff,
                          float[] v, int vOff, float[] o, int oOff, int stride) {
        int width = heads * d, blocks = (n + QB - 1) / QB;
        Scratch s = SCRATCH.get().fit(blocks * width * QB, n * QB);
        for (int p = 0; p < positions; p++) {
            int at = p * width;
            transposeQueries(q, qOff + at, scale, s.qt, n, width, stride);
            for (int h = 0; h < heads; h++) {
                int c = at + h * d;
                for (int b = 0; b < blocks; b++) {
                    int first = b * QB;
                    scores(k, kOff + c, stride, n, s.qt, (b * width + h * d) * QB, d, s.p);
                    softmaxDown(s.p, n);
                    weighted(s.p, Math.min(QB, n - first), n, v, vOff + c, stride, d, o, oOff + c + first * stride);
                }
            }
        }
    }

    /**
     * The n query rows of one position, scaled, as {@code qt[(b·width + x)·16 + g mod 16] = scale · q[at + g·stride + x]}
     * with b = g / 16 (a block's 16 queries side by side for every column x; lanes past n are zero, so their scores are
     * finite); four rows per pass (four independent loads and stores per step), the last n mod 4 one by one.
     */
    private static void transposeQueries(float[] q, int at, float scale, float[] qt, int n, int width, int stride) {
        if (n % QB != 0) Arrays.fill(qt, (n / QB) * width * QB, (n / QB + 1) * width * QB, 0f);
        int g = 0;
        for (; g + 4 <= n; g += 4) {
            int r0 = at + g * stride, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
            int to = (g / QB) * width * QB + g % QB;
            for (int x = 0; x < width; x++) {
                int t = to + x * QB;
                qt[t] = scale * q[r0 + x];
                qt[t + 1] = scale * q[r1 + x];
                qt[t + 2] = scale * q[r2 + x];
                qt[t + 3] = scale * q[r3 + x];
            }
        }
        for (; g < n; g++) {
            int row = at + g * stride, to = (g / QB) * width * QB + g % QB;
            for (int x = 0; x < width; x++) qt[to + x * QB] = scale * q[row + x];
        }
    }

    /**
     * Scores of a block of 16 queries: {@code p[j·16 + i] = Σ_x k[at + j·stride + x] · qt[qtAt + x·16 + i]} for keys
     * j < n, four keys at a time (a last partial group reads key n − 1 again and stores only the real rows).
     */
    private static void scores(float[] k, int at, int stride, int n, float[] qt, int qtAt, int d, float[] p) {
        for (int j = 0; j < n; j += MR) {
            int a0 = at + j * stride, a1 = at + Math.min(j + 1, n - 1) * stride, a2 = at + Math.min(j + 2, n - 1) * stride,
                    a3 = at + Math.min(j + 3, n - 1) * stride;
            FloatVector c00 = FloatVector.zero(SP), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                    c31 = c00;
            for (int x = 0; x < d; x++) {
                FloatVector b0 = FloatVector.fromArray(SP, qt, qtAt + x * QB);
                FloatVector b1 = FloatVector.fromArray(SP, qt, qtAt + x * QB + L);
                FloatVector w = FloatVector.broadcast(SP, k[a0 + x]);
                c00 = w.fma(b0, c00);
                c01 = w.fma(b1, c01);
                w = FloatVector.broadcast(SP, k[a1 + x]);
                c10 = w.fma(b0, c10);
                c11 = w.fma(b1, c11);
                w = FloatVector.broadcast(SP, k[a2 + x]);
                c20 = w.fma(b0, c20);
                c21 = w.fma(b1, c21);
                w = FloatVector.broadcast(SP, k[a3 + x]);
                c30 = w.fma(b0, c30);
                c31 = w.fma(b1, c31);
            }
            int t = j * QB;
            c00.intoArray(p, t);
            c01.intoArray(p, t + L);
            if (j + 1 < n) {
                c10.intoArray(p, t + QB);
                c11.intoArray(p, t + QB + L);
            }
            if (j + 2 < n) {
                c20.intoArray(p, t + 2 * QB);
                c21.intoArray(p, t + 2 * QB + L);
            }
            if (j + 3 < n) {
                c30.intoArray(p, t + 3 * QB);
                c31.intoArray(p, t + 3 * QB + L);
            }
        }
    }

    /**
     * Each of the 16 columns of the scores {@code p[j·16 + i]} (j < n keys) becomes its softmax over j, a query per lane:
     * the maximum by compare and blend (Java's {@code max} orders NaN and ±0 at five instructions a vector), then
     * {@link VectorExp#expNonPositive} of the shifted scores, then the division by their sum.
     */
    private static void softmaxDown(float[] p, int n) {
        FloatVector m0 = FloatVector.fromArray(SP, p, 0), m1 = FloatVector.fromArray(SP, p, L);
        for (int j = 1; j < n; j++) {
            FloatVector x0 = FloatVector.fromArray(SP, p, j * QB), x1 = FloatVector.fromArray(SP, p, j * QB + L);
            m0 = m0.blend(x0, m0.lt(x0));
            m1 = m1.blend(x1, m1.lt(x1));
        }
        FloatVector s0 = FloatVector.zero(SP), s1 = s0;
        for (int j = 0; j < n; j++) {
            FloatVector e0 = VectorExp.expNonPositive(FloatVector.fromArray(SP, p, j * QB).sub(m0));
            FloatVector e1 = VectorExp.expNonPositive(FloatVector.fromArray(SP, p, j * QB + L).sub(m1));
            e0.intoArray(p, j * QB);
            e1.intoArray(p, j * QB + L);
            s0 = s0.add(e0);
            s1 = s1.add(e1);
        }
        FloatVector i0 = FloatVector.broadcast(SP, 1f).div(s0), i1 = FloatVector.broadcast(SP, 1f).div(s1);
        for (int j = 0; j < n; j++) {
            FloatVector.fromArray(SP, p, j * QB).mul(i0).intoArray(p, j * QB);
            FloatVector.fromArray(SP, p, j * QB + L).mul(i1).intoArray(p, j * QB + L);
        }
    }

    /**
     * The output rows of a block's first {@code count} queries:
     * {@code o[at + i·stride + c] = Σ_j p[j·16 + i] · v[vAt + j·stride + c]}, four queries at a time (a last partial
     * group computes query count − 1 again and stores the same bits to its row).
     */
    private static void weighted(float[] p, int count, int n, float[] v, int vAt, int stride, int d, float[] o, int at) {
        for (int i = 0; i < count; i += MR) {
            int i1 = Math.min(i + 1, count - 1), i2 = Math.min(i + 2, count - 1), i3 = Math.min(i + 3, count - 1);
            for (int c = 0; c < d; c += QB) {
                FloatVector c00 = FloatVector.zero(SP), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                        c31 = c00;
                int vx = vAt + c;
                for (int j = 0; j < n; j++, vx += stride) {
                    FloatVector b0 = FloatVector.fromArray(SP, v, vx);
                    FloatVector b1 = FloatVector.fromArray(SP, v, vx + L);
                    FloatVector w = FloatVector.broadcast(SP, p[j * QB + i]);
                    c00 = w.fma(b0, c00);
                    c01 = w.fma(b1, c01);
                    w = FloatVector.broadcast(SP, p[j * QB + i1]);
                    c10 = w.fma(b0, c10);
                    c11 = w.fma(b1, c11);
                    w = FloatVector.broadcast(SP, p[j * QB + i2]);
                    c20 = w.fma(b0, c20);
                    c21 = w.fma(b1, c21);
                    w = FloatVector.broadcast(SP, p[j * QB + i3]);
                    c30 = w.fma(b0, c30);
                    c31 = w.fma(b1, c31);
                }
                int t = at + c;
                c00.intoArray(o, t + i * stride);
                c01.intoArray(o, t + i * stride + L);
                c10.intoArray(o, t + i1 * stride);
                c11.intoArray(o, t + i1 * stride + L);
                c20.intoArray(o, t + i2 * stride);
                c21.intoArray(o, t + i2 * stride + L);
                c30.intoArray(o, t + i3 * stride);
                c31.intoArray(o, t + i3 * stride + L);
            }
        }
    }

    /** One thread's scratch: a position's scaled, transposed queries and one block's scores. */
    private static final class Scratch {
        float[] qt = new float[0], p = qt;

        Scratch fit(int transposed, int scores) {
            if (qt.length < transposed) qt = new float[transposed];
            if (p.length < scores) p = new float[scores];
            return this;
        }
    }
}
