package org.sculpt4d.tensor.oracle;

/**
 * The GEMM oracle: {@link org.sculpt4d.tensor.backend.Backend#gemm}'s definition, {@code C (+)= A·op(B)} with
 * op(B) = Bᵀ of an {@code n × k} B when {@code transB} and B itself ({@code k × n}) otherwise, computed by the
 * textbook triple loop in double precision. Also gives the per-element scale {@code Σ|a|·|b|} that float32 errors
 * are measured against.
 */
public final class NaiveGemm {
    private NaiveGemm() {
    }

    /** Backend-shaped: writes the double-precision result, rounded once to float, into C. */
    public static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        double[] want = reference(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = (float) want[i * n + j];
        }
    }

    /** The exact-as-double result as a dense row-major {@code m × n} array; C is only read (when accumulating). */
    public static double[] reference(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        return sum(false, m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }

    /** {@code Σ_p |a_ip|·|op(B)_pj|} (plus {@code |c_ij|} when accumulating): the magnitude of what is summed. */
    public static double[] magnitude(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        return sum(true, m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }

    private static double[] sum(boolean abs, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                                int ldb, boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0;
                if (abs) s = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double x = a[aOff + i * lda + p];
                    double y = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += abs ? Math.abs(x * y) : x * y;
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }
}
