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
            scores(qp, kt, rows, keys, d, scale, p);
            softmax(p, rows, keys, n);
            weightedSum(p, vp, rows, keys, d, out);
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

    /** {@code p[i·keys + j] = scale · q_i·k_j}, 4 query rows × 16 keys per step. */
    private static void scores(float[] qp, float[] kt, int rows, int keys, int d, float scale, float[] p) {
        for (int i = 0; i < rows; i += 4) {
            int q0 = i * d, q1 = q0 + d, q2 = q1 + d, q3 = q2 + d;
            for (int j = 0; j < keys; j += 2 * L) {
                FloatVector a0 = FloatVector.zero(SP), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                for (int x = 0; x < d; x++) {
                    FloatVector k0 = FloatVector.fromArray(SP, kt, x * keys + j);
                    FloatVector k1 = FloatVector.fromArray(SP, kt, x * keys + j + L);
                    FloatVector w = FloatVector.broadcast(SP, qp[q0 + x]);
                    a0 = w.fma(k0, a0);
                    b0 = w.fma(k1, b0);
                    w = FloatVector.broadcast(SP, qp[q1 + x]);
                    a1 = w.fma(k0, a1);
                    b1 = w.fma(k1, b1);
                    w = FloatVector.broadcast(SP, qp[q2 + x]);
                    a2 = w.fma(k0, a2);
                    b2 = w.fma(k1, b2);
                    w = FloatVector.broadcast(SP, qp[q3 + x]);
                    a3 = w.fma(k0, a3);
                    b3 = w.fma(k1, b3);
                }
                int at = i * keys + j;
                a0.mul(scale).intoArray(p, at);
                b0.mul(scale).intoArray(p, at + L);
                a1.mul(scale).intoArray(p, at + keys);
                b1.mul(scale).intoArray(p, at + keys + L);
                a2.mul(scale).intoArray(p, at + 2 * keys);
                b2.mul(scale).intoArray(p, at + 2 * keys + L);
                a3.mul(scale).intoArray(p, at + 3 * keys);
                b3.mul(scale).intoArray(p, at + 3 * keys + L);
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

    /** {@code out = P·V}, 4 rows × 16 columns per step. */
    private static void weightedSum(float[] p, float[] vp, int rows, int keys, int d, float[] out) {
        for (int i = 0; i < rows; i += 4) {
            int p0 = i * keys, p1 = p0 + keys, p2 = p1 + keys, p3 = p2 + keys;
            for (int x = 0; x < d; x += 2 * L) {
                FloatVector a0 = FloatVector.zero(SP), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                for (int j = 0; j < keys; j++) {
                    FloatVector v0 = FloatVector.fromArray(SP, vp, j * d + x);
                    FloatVector v1 = FloatVector.fromArray(SP, vp, j * d + x + L);
                    FloatVector w = FloatVector.broadcast(SP, p[p0 + j]);
                    a0 = w.fma(v0, a0);
                    b0 = w.fma(v1, b0);
                    w = FloatVector.broadcast(SP, p[p1 + j]);
                    a1 = w.fma(v0, a1);
                    b1 = w.fma(v1, b1);
                    w = FloatVector.broadcast(SP, p[p2 + j]);
                    a2 = w.fma(v0, a2);
                    b2 = w.fma(v1, b2);
                    w = FloatVector.broadcast(SP, p[p3 + j]);
                    a3 = w.fma(v0, a3);
                    b3 = w.fma(v1, b3);
                }
                int at = i * d + x;
                a0.intoArray(out, at);
                b0.intoArray(out, at + L);
                a1.intoArray(out, at + d);
                b1.intoArray(out, at + d + L);
                a2.intoArray(out, at + 2 * d);
                b2.intoArray(out, at + 2 * d + L);
                a3.intoArray(out, at + 3 * d);
                b3.intoArray(out, at + 3 * d + L);
            }
        }
    }
}
