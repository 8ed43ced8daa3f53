package org.sculpt4d.tensor.backend.vector;

import static org.sculpt4d.tensor.backend.vector.MicroKernel.MR;
import static org.sculpt4d.tensor.backend.vector.MicroKernel.NR;

/**
 * Packing for {@link PackedGemm}: copies a {@code kc}-deep slice of A or B into the contiguous micro-panel order in
 * which {@link MicroKernel} reads it, so the kernel streams memory linearly whatever the source strides and layout.
 * Panels are padded with zeros past the matrix edge: the kernel then always runs on full MR × NR tiles, and zero
 * rows/columns of a panel only produce results that are never written back.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [0, mc)} × depth {@code [0, kc)} of the row-major A at {@code aOff} (stride lda) as MR-row
     * micro-panels: panel {@code r / MR} starts at {@code r·kc} and holds, for each step p, the MR values
     * {@code A[r .. r+MR-1, p]}.
     */
    static void packA(float[] a, int aOff, int lda, int mc, int kc, float[] dst) {
        for (int r = 0; r < mc; r += MR) {
            int panel = r * kc;
            int rows = Math.min(MR, mc - r);
            for (int i = 0; i < rows; i++) {
                int src = aOff + (r + i) * lda;
                for (int p = 0, d = panel + i; p < kc; p++, d += MR) dst[d] = a[src + p];
            }
            for (int i = rows; i < MR; i++) {
                for (int p = 0, d = panel + i; p < kc; p++, d += MR) dst[d] = 0f;
            }
        }
    }

    /**
     * Packs the NR-column micro-panel of op(B) with columns {@code [j0, j0 + nr)} and depth {@code [p0, p0 + kc)} at
     * {@code dst[dOff ..]}: for each step p, the NR values {@code op(B)[p, j0 .. j0+NR-1]}, zeros past {@code nr}.
     * op(B) is Bᵀ of the {@code n × k} B when {@code transB} (B row j is column j of op(B)), B itself otherwise.
     */
    static void packB(float[] b, int bOff, int ldb, boolean transB, int j0, int nr, int p0, int kc, float[] dst, int dOff) {
        if (transB) {
            for (int j = 0; j < nr; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                for (int p = 0, d = dOff + j; p < kc; p++, d += NR) dst[d] = b[src + p];
            }
        } else {
            for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (p0 + p) * ldb + j0, dst, dOff + p * NR, nr);
        }
        for (int j = nr; j < NR; j++) {
            for (int p = 0, d = dOff + j; p < kc; p++, d += NR) dst[d] = 0f;
        }
    }
}
