package org.sculpt4d.tensor.backend.vector;

import org.sculpt4d.tensor.backend.ScalarBackend;

/** PLACEHOLDER (being written): packed, register-blocked Vector API GEMM. */
final class PackedGemm {
    private PackedGemm() {
    }

    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        new ScalarBackend().gemm(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }
}
