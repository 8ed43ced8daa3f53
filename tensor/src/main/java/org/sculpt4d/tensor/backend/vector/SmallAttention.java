package org.sculpt4d.tensor.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention of n queries over n keys for small n: the T × T attention of one position across the frames, the
 * temporal-only mask's kernel (sculpt4d-method.md §2). Per head the rows are copied into padded scratch (queries in
 * groups of 4, keys transposed and padded to 16, values padded with zero rows), then two register-blocked products,
 * each 4 rows × 2 vectors of 8 floats per step: scores {@code S = scale·Q·Kᵀ}, a vectorised row softmax with the
 * padded keys masked out, and {@code O = P·V}. The general {@link FlashAttention} tiles for long sequences and costs
 * several times the work at this size (13.9 vs ~4 ms for 16 frames × 513 positions × 4 heads of 64).
 */
final class SmallAttention {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** Largest n handled here; the general kernel takes larger ones. */
    static final int MAX_N = 64;

    /** Per-thread scratch, grown on demand: the kernel runs once per position, so it allocates nothing per call. */
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][0]);

    private SmallAttention() {
    }

    /** Whether this kernel handles the shape: n ≤ {@value #MAX_N} and a head dimension in whole pairs of vectors. */
    static boolean supports(int n, int headDim) {
        return n <= MAX_N && headDim % (2 * L) == 0;
    }

    static void attention(int n, int heads, int d, float scale, float[] q, int qOff, float[] k, int kOff, float[] v,
                          int vOff, float[] o, int oOff, int stride) {
        int rows = (n + 3) / 4 * 4, keys = (n + 2 * L - 1) / (2 * L) * (2 * L);
        float[][] sc = SCRATCH.get();
        float[] qp = grown(sc, 0, rows * d), kt = grown(sc, 1, d * keys), vp = grown(sc, 2, keys * d);
        float[] p = grown(sc, 3, rows * keys), out = grown(sc, 4, rows * d);
        Arrays.fill(qp, n * d, rows * d, 0f); // padded query and value rows must be finite (zeros)
        Arrays.fill(vp, n * d, keys * d, 0f);
        for (int h = 0; h < heads; h++) {
            int c = h * d;
            pack(q, qOff + c, k, kOff + c, v, vOff + c, stride, n, d, keys, qp, kt, vp);
            product(qp, kt, rows, d, keys, scale, p); // scores
            softmax(p, rows, keys, n);
            product(p, vp, rows, keys, d, 1f, out);
            for (int i = 0; i < n; i++) System.arraycopy(out, i * d, o, oOff + i * stride + c, d);
        }
    }

    private static float[] grown(float[][] scratch, int i, int size) {
        if (scratch[i].length < size) scratch[i] = new float[size];
        return scratch[i];
    }

    /** Query rows, transposed keys ({@code kt[x·keys + j]}) and value rows of one head into the scratch arrays. */
    private static void pack(float[] q, int qAt, float[] k, int kAt, float[] v, int vAt, int stride, int n, int d,
                             int keys, float[] qp, float[] kt, float[] vp) {
        for (int j = 0; j < n; j++) {
            System.arraycopy(q, qAt + j * stride, qp, j * d, d);
            System.arraycopy(v, vAt + j * stride, vp, j * d, d);
            for (int x = 0; x < d; x++) kt[x * keys + j] = k[kAt + j * stride + x];
        }
    }

    /**
     * {@code c = scale · a·b} for row-major {@code a [rows × inner]}, {@code b [inner × cols]}, {@code c [rows × cols]}
     * (rows a multiple of 4, cols of 16), 4 rows × 2 vectors of 8 per step. Both products of the attention are this:
     * the scores {@code Q·Kᵀ} (b = the transposed keys) and {@code P·V} (scale 1, exact).
     */
    private static void product(float[] a, float[] b, int rows, int inner, int cols, float scale, float[] c) {
        for (int i = 0; i < rows; i += 4) {
            int a0 = i * inner, a1 = a0 + inner, a2 = a1 + inner, a3 = a2 + inner;
            for (int j = 0; j < cols; j += 2 * L) {
                FloatVector c00 = FloatVector.zero(SP), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                        c31 = c00;
                for (int x = 0; x < inner; x++) {
                    FloatVector b0 = FloatVector.fromArray(SP, b, x * cols + j);
                    FloatVector b1 = FloatVector.fromArray(SP, b, x * cols + j + L);
                    FloatVector w = FloatVector.broadcast(SP, a[a0 + x]);
                    c00 = w.fma(b0, c00);
                    c01 = w.fma(b1, c01);
                    w = FloatVector.broadcast(SP, a[a1 + x]);
                    c10 = w.fma(b0, c10);
                    c11 = w.fma(b1, c11);
                    w = FloatVector.broadcast(SP, a[a2 + x]);
                    c20 = w.fma(b0, c20);
                    c21 = w.fma(b1, c21);
                    w = FloatVector.broadcast(SP, a[a3 + x]);
                    c30 = w.fma(b0, c30);
                    c31 = w.fma(b1, c31);
                }
                int at = i * cols + j;
                c00.mul(scale).intoArray(c, at);
                c01.mul(scale).intoArray(c, at + L);
                c10.mul(scale).intoArray(c, at + cols);
                c11.mul(scale).intoArray(c, at + cols + L);
                c20.mul(scale).intoArray(c, at + 2 * cols);
                c21.mul(scale).intoArray(c, at + 2 * cols + L);
                c30.mul(scale).intoArray(c, at + 3 * cols);
                c31.mul(scale).intoArray(c, at + 3 * cols + L);
            }
        }
    }

    /** Each row of p becomes its softmax over the first n keys; padded keys get probability 0. */
    private static void softmax(float[] p, int rows, int keys, int n) {
        for (int i = 0; i < rows; i++) {
            int at = i * keys;
            for (int j = n; j < keys; j++) p[at + j] = Float.NEGATIVE_INFINITY;
            FloatVector max = FloatVector.broadcast(SP, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < keys; j += L) max = max.max(FloatVector.fromArray(SP, p, at + j));
            float m = max.reduceLanes(VectorOperators.MAX);
            FloatVector sum = FloatVector.zero(SP);
            for (int j = 0; j < keys; j += L) {
                FloatVector e = FloatVector.fromArray(SP, p, at + j).sub(m).lanewise(VectorOperators.EXP);
                e.intoArray(p, at + j);
                sum = sum.add(e);
            }
            float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
            for (int j = 0; j < keys; j += L) FloatVector.fromArray(SP, p, at + j).mul(inv).intoArray(p, at + j);
        }
    }
}
