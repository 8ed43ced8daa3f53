package org.sculpt4d.tensor.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Attention of n queries over n keys for small n, for a run of consecutive positions: the T × T attention of each
 * position across the frames, the temporal-only mask's kernel (sculpt4d-method.md §2). It is bound by memory traffic
 * (a position's rows are used by n queries only), so it streams: the positions are taken a chunk at a time, sized so
 * that the chunk's scratch stays in a core's L2 cache; per frame, the chunk's rows of k, v and q are one contiguous
 * run in the source: k and v are copied position-major into scratch, q is transposed and scaled on the way in, and
 * the output chunk goes back the way k came. Every frame row is read once for all heads.
 *
 * <p>Per position and head, with the queries along the vector lanes (no lane reductions, as in
 * {@link FlashAttention}): {@code Qᵀ} pre-multiplied by the scale (queries padded with zeros to whole pairs of
 * vectors), scores {@code Sᵀ = K·Qᵀ} ({@code keys × queries}), the softmax down the key axis (one query per lane), and
 * {@code O = P·V}; both products are the same register-blocked kernel, 4 rows × 2 vectors of 8 per step.
 */
final class SmallAttention {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_256;
    private static final int L = 8;
    /** Query lanes are padded to whole pairs of vectors (the kernel's width); key and output rows to blocks of 4. */
    private static final int NB = 2 * L, MR = 4;
    /** Largest n handled here; the general kernel takes larger ones. */
    static final int MAX_N = 64;
    /** Floats of one thread's chunk scratch (k, v and output rows, {@code Qᵀ}): 256 KB, half of a core's L2 cache. */
    static final int CHUNK_FLOATS = 1 << 16;

    /** Per-thread scratch, grown on demand, so the kernel allocates nothing per call. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private SmallAttention() {
    }

    /** Whether this kernel handles the shape: n ≤ {@value #MAX_N} and a head dimension in whole pairs of vectors. */
    static boolean supports(int n, int headDim) {
        return n <= MAX_N && headDim % NB == 0;
    }

    /**
     * {@code positions} small attentions: position p's n rows are {@code stride} apart from
     * {@code off + p·heads·d} in each of q, k, v and o (the contract of
     * {@link org.sculpt4d.tensor.backend.Backend#smallAttention}).
     */
    static void attention(int n, int positions, int heads, int d, float scale, float[] q, int qOff, float[] k, int kOff,
                          float[] v, int vOff, float[] o, int oOff, int stride) {
        int width = heads * d, rows = roundUp(n, MR), lanes = roundUp(n, NB), rowBlock = rows * width;
        int chunk = Math.max(1, Math.min(positions, CHUNK_FLOATS / (4 * rowBlock)));
        Scratch s = SCRATCH.get().fit(chunk * rowBlock, chunk * width * lanes, rows * lanes);
        Arrays.fill(s.qt, 0, chunk * width * lanes, 0f); // padded query lanes stay zero (finite scores)
        for (int p0 = 0; p0 < positions; p0 += chunk) {
            int m = Math.min(chunk, positions - p0), at = p0 * width;
            gather(k, kOff + at, s.k, n, m, width, rows, stride);
            gather(v, vOff + at, s.v, n, m, width, rows, stride);
            gatherTransposed(q, qOff + at, scale, s.qt, n, m, width, lanes, stride);
            for (int p = 0; p < m; p++) {
                int base = p * rowBlock, qtAt = p * width * lanes;
                for (int h = 0; h < heads; h++) {
                    int c = h * d;
                    // Sᵀ[j][i] = Σ_x K[j][x] · scale·Q[i][x]
                    product(s.k, base + c, width, 1, s.qt, qtAt + c * lanes, lanes, rows, lanes, d, s.p, 0, lanes);
                    softmaxDown(s.p, n, lanes);
                    // O[i][c..] = Σ_j P[i][j] · V[j][c..], P read from Pᵀ
                    product(s.p, 0, 1, lanes, s.v, base + c, width, rows, d, n, s.o, base + c, width);
                }
            }
            scatter(s.o, o, oOff + at, n, m, width, rows, stride);
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Rows g < n of m positions, frame by frame (one contiguous run of m rows each), into scratch position-major. */
    private static void gather(float[] src, int at, float[] dst, int n, int m, int width, int rows, int stride) {
        for (int g = 0; g < n; g++) {
            int from = at + g * stride;
            for (int p = 0; p < m; p++) System.arraycopy(src, from + p * width, dst, (p * rows + g) * width, width);
        }
    }

    /** The inverse of {@link #gather}: rows g < n of m positions from scratch back to their frames. */
    private static void scatter(float[] src, float[] dst, int at, int n, int m, int width, int rows, int stride) {
        for (int g = 0; g < n; g++) {
            int to = at + g * stride;
            for (int p = 0; p < m; p++) System.arraycopy(src, (p * rows + g) * width, dst, to + p * width, width);
        }
    }

    /**
     * The query rows g < n of m positions, frame by frame, transposed and scaled:
     * {@code qt[p·width·lanes + x·lanes + g] = scale · q[at + g·stride + p·width + x]}; four frames per pass (four
     * independent loads and stores per step), the last n mod 4 one by one.
     */
    private static void gatherTransposed(float[] q, int at, float scale, float[] qt, int n, int m, int width, int lanes,
                                         int stride) {
        int g = 0;
        for (; g + 4 <= n; g += 4) {
            for (int p = 0; p < m; p++) {
                int r0 = at + g * stride + p * width, r1 = r0 + stride, r2 = r1 + stride, r3 = r2 + stride;
                int to = p * width * lanes + g;
                for (int x = 0; x < width; x++) {
                    int t = to + x * lanes;
                    qt[t] = scale * q[r0 + x];
                    qt[t + 1] = scale * q[r1 + x];
                    qt[t + 2] = scale * q[r2 + x];
                    qt[t + 3] = scale * q[r3 + x];
                }
            }
        }
        for (; g < n; g++) {
            for (int p = 0; p < m; p++) {
                int row = at + g * stride + p * width, to = p * width * lanes + g;
                for (int x = 0; x < width; x++) qt[to + x * lanes] = scale * q[row + x];
            }
        }
    }

    /**
     * {@code c[cAt + i·ldc + j] = Σ_x a[aAt + i·ai + x·ax] · b[bAt + x·ldb + j]} for i < rows (a multiple of 4),
     * j < cols (a multiple of 16), x < inner: 4 rows × 2 vectors per step, one element of a broadcast against two
     * vectors of b. The strides of a let it be read row-major (scores: K) or transposed (output: Pᵀ).
     */
    private static void product(float[] a, int aAt, int ai, int ax, float[] b, int bAt, int ldb, int rows, int cols,
                                int inner, float[] c, int cAt, int ldc) {
        for (int i = 0; i < rows; i += MR) {
            int a0 = aAt + i * ai, a1 = a0 + ai, a2 = a1 + ai, a3 = a2 + ai;
            for (int j = 0; j < cols; j += NB) {
                FloatVector c00 = FloatVector.zero(SP), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                        c31 = c00;
                for (int x = 0; x < inner; x++) {
                    int bx = bAt + x * ldb + j, xa = x * ax;
                    FloatVector b0 = FloatVector.fromArray(SP, b, bx);
                    FloatVector b1 = FloatVector.fromArray(SP, b, bx + L);
                    FloatVector w = FloatVector.broadcast(SP, a[a0 + xa]);
                    c00 = w.fma(b0, c00);
                    c01 = w.fma(b1, c01);
                    w = FloatVector.broadcast(SP, a[a1 + xa]);
                    c10 = w.fma(b0, c10);
                    c11 = w.fma(b1, c11);
                    w = FloatVector.broadcast(SP, a[a2 + xa]);
                    c20 = w.fma(b0, c20);
                    c21 = w.fma(b1, c21);
                    w = FloatVector.broadcast(SP, a[a3 + xa]);
                    c30 = w.fma(b0, c30);
                    c31 = w.fma(b1, c31);
                }
                int at = cAt + i * ldc + j;
                c00.intoArray(c, at);
                c01.intoArray(c, at + L);
                c10.intoArray(c, at + ldc);
                c11.intoArray(c, at + ldc + L);
                c20.intoArray(c, at + 2 * ldc);
                c21.intoArray(c, at + 2 * ldc + L);
                c30.intoArray(c, at + 3 * ldc);
                c31.intoArray(c, at + 3 * ldc + L);
            }
        }
    }

    /** Each column of the scores {@code p[j·lanes + i]} (j < n keys) becomes its softmax over j, a query per lane. */
    private static void softmaxDown(float[] p, int n, int lanes) {
        for (int i = 0; i < lanes; i += L) {
            FloatVector max = FloatVector.fromArray(SP, p, i);
            for (int j = 1; j < n; j++) max = max.max(FloatVector.fromArray(SP, p, j * lanes + i));
            FloatVector sum = FloatVector.zero(SP);
            for (int j = 0; j < n; j++) {
                FloatVector e = VectorExp.exp(FloatVector.fromArray(SP, p, j * lanes + i).sub(max));
                e.intoArray(p, j * lanes + i);
                sum = sum.add(e);
            }
            FloatVector inv = FloatVector.broadcast(SP, 1f).div(sum);
            for (int j = 0; j < n; j++) FloatVector.fromArray(SP, p, j * lanes + i).mul(inv).intoArray(p, j * lanes + i);
        }
    }

    /** One thread's scratch: a chunk's rows of k, v and the output and its {@code Qᵀ}; the scores of one head. */
    private static final class Scratch {
        float[] k = new float[0], v = k, o = k, qt = k, p = k;

        Scratch fit(int chunk, int transposed, int scores) {
            if (k.length < chunk) {
                k = new float[chunk];
                v = new float[chunk];
                o = new float[chunk];
            }
            if (qt.length < transposed) qt = new float[transposed];
            if (p.length < scores) p = new float[scores];
            return this;
        }
    }
}
