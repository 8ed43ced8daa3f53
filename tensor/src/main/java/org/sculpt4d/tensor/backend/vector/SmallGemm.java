package org.sculpt4d.tensor.backend.vector;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * GEMM without packing, for problems where {@link PackedGemm}'s copies would cost more than they save: tiny ones, and
 * matrix-vector-like shapes (a few rows of A, or with {@code transB} a few columns of C), where packing B would cost
 * about as much as the product. With {@code transB} every C element is a vectorised dot product of an A row with a B
 * row; otherwise each C row is built by one vectorised {@code axpy} per step of k.
 *
 * <p>Threads split the rows or the columns of C (columns in whole vectors); every element is computed by one thread
 * in a fixed order, and the scalar tails use {@link Math#fma}, which rounds exactly as a vector lane does, so results
 * do not depend on the thread count.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Where this path beats packing (measured on AVX2, one thread): up to 8 rows of A (packing B costs more than the
     * micro-kernel saves; 2× faster at 4 × 1024 × 1024), up to one vector of columns of C with {@code transB} (3× at
     * 1024 × 4 × 1024), and problems of at most about 10³ multiply-adds (the packed path's set-up dominates).
     */
    private static final int MAX_ROWS = 8;
    private static final int MAX_COLUMNS_TRANS_B = L;
    private static final long MAX_VOLUME = 1000;
    /** Work (multiply-adds) worth handing to another thread. */
    private static final long GRAIN_MULADDS = 1 << 16;

    private SmallGemm() {
    }

    /** Whether this path is the faster one for the shape. */
    static boolean suits(int m, int n, int k, boolean transB) {
        return m <= MAX_ROWS || (transB && n <= MAX_COLUMNS_TRANS_B) || (long) m * n * k <= MAX_VOLUME;
    }

    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (transB && m > n) {
            Parallel.forRange(0, m, (int) Math.max(1, GRAIN_MULADDS / ((long) n * Math.max(1, k))), (i0, i1) ->
                    dots(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, i0, i1, 0, n));
            return;
        }
        int units = (n + L - 1) / L;
        Parallel.forRange(0, units, (int) Math.max(1, GRAIN_MULADDS / ((long) m * Math.max(1, k) * L)), (u0, u1) -> {
            int j0 = u0 * L, j1 = Math.min(n, u1 * L);
            if (transB) {
                dots(k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, 0, m, j0, j1);
            } else {
                axpyRows(m, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, j0, j1);
            }
        });
    }

    /** Rows {@code [i0, i1)} × columns {@code [j0, j1)} of {@code C (+)= A·Bᵀ}; B row j stays in L1 across the rows. */
    private static void dots(int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, boolean accumulate, int i0, int i1, int j0, int j1) {
        float[] lanes = new float[L];
        for (int j = j0; j < j1; j++) {
            int bj = bOff + j * ldb;
            for (int i = i0; i < i1; i++) {
                float s = dot(k, a, aOff + i * lda, b, bj, lanes);
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + s : s;
            }
        }
    }

    /** Columns {@code [j0, j1)} of {@code C (+)= A·B}, row by row: {@code C_i += a_ip · B_p} for p = 0, 1, ... */
    private static void axpyRows(int m, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc, boolean accumulate, int j0, int j1) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc + j0;
            if (!accumulate) Arrays.fill(c, ci, ci + j1 - j0, 0f);
            int ai = aOff + i * lda;
            for (int p = 0; p < k; p++) axpy(j1 - j0, a[ai + p], b, bOff + p * ldb + j0, c, ci);
        }
    }

    /**
     * {@code Σ x[p]·y[p]} over four vector accumulators (to hide the FMA latency), then a scalar tail. The lanes are
     * summed in order through {@code lanes} rather than by {@code reduceLanes(ADD)}, whose order is unspecified and
     * does differ between the interpreter and C2 on JDK 25: that would make results depend on warm-up.
     */
    static float dot(int len, float[] x, int xOff, float[] y, int yOff, float[] lanes) {
        FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int p = 0;
        for (; p <= len - 4 * L; p += 4 * L) {
            s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
            s1 = FloatVector.fromArray(S, x, xOff + p + L).fma(FloatVector.fromArray(S, y, yOff + p + L), s1);
            s2 = FloatVector.fromArray(S, x, xOff + p + 2 * L).fma(FloatVector.fromArray(S, y, yOff + p + 2 * L), s2);
            s3 = FloatVector.fromArray(S, x, xOff + p + 3 * L).fma(FloatVector.fromArray(S, y, yOff + p + 3 * L), s3);
        }
        for (; p <= len - L; p += L) {
            s0 = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s0);
        }
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        float s = 0;
        for (float lane : lanes) s += lane;
        for (; p < len; p++) s = Math.fma(x[xOff + p], y[yOff + p], s);
        return s;
    }

    /** {@code y += alpha·x} over {@code len} elements with fused multiply-adds. */
    static void axpy(int len, float alpha, float[] x, int xOff, float[] y, int yOff) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int j = 0;
        for (; j <= len - L; j += L) {
            va.fma(FloatVector.fromArray(S, x, xOff + j), FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
        }
        for (; j < len; j++) y[yOff + j] = Math.fma(alpha, x[xOff + j], y[yOff + j]);
    }
}
