package org.sculpt4d.tensor.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: {@code C[MR × NR] += Apanel · Bpanel} over {@code kc} steps, where the A
 * micro-panel holds MR floats per step and the B micro-panel NR floats per step (the layouts {@link GemmPacking}
 * writes). The MR × NR tile of C lives in 2·MR vector registers for the whole k-loop (outer-product form: per step,
 * two vector loads of B, one broadcast of A per row, 2·MR fused multiply-adds).
 *
 * <p>MR = 4 rows × NR = 2 vectors (4 × 16 on AVX2, 4 × 32 on AVX-512: the lane count comes from
 * {@link FloatVector#SPECIES_PREFERRED}). Measured against the textbook 6 × 16 on AVX2, this shape is faster under
 * C2: MR a power of two keeps the A index {@code p·MR} a shift, which C2's range-check elimination recognises
 * (a multiplication by 6 becomes two shifts and an add, and every A access keeps its bounds check); and 8
 * accumulators leave C2's scheduler spare registers, so that it does not spill an accumulator inside the loop.
 * Unrolling the k-loop by hand made C2 hoist all the loads and spill, so the loop is left as one step.
 *
 * <p>Written for C2's inlining budget: one straight-line method with no calls into our code and no branches in the
 * k-loop, and the accumulators are loaded before the loop and stored after it (never conditionally initialised),
 * so every {@code FloatVector} operation is intrinsified and the vectors stay unboxed in registers.
 */
final class MicroKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;

    private MicroKernel() {
    }

    /**
     * {@code c[i, j] += Σ_p a[aOff + p·MR + i] · b[bOff + p·NR + j]} for the full MR × NR tile at {@code cOff}
     * (row stride ldc), accumulating over p in increasing order with one fused multiply-add per step.
     */
    static void multiplyAdd(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc) {
        int c0 = cOff, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, c0), c01 = FloatVector.fromArray(S, c, c0 + L);
        FloatVector c10 = FloatVector.fromArray(S, c, c1), c11 = FloatVector.fromArray(S, c, c1 + L);
        FloatVector c20 = FloatVector.fromArray(S, c, c2), c21 = FloatVector.fromArray(S, c, c2 + L);
        FloatVector c30 = FloatVector.fromArray(S, c, c3), c31 = FloatVector.fromArray(S, c, c3 + L);
        for (int p = 0; p < kc; p++) {
            int ap = aOff + p * MR, bp = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector ai = FloatVector.broadcast(S, a[ap]);
            c00 = ai.fma(b0, c00);
            c01 = ai.fma(b1, c01);
            ai = FloatVector.broadcast(S, a[ap + 1]);
            c10 = ai.fma(b0, c10);
            c11 = ai.fma(b1, c11);
            ai = FloatVector.broadcast(S, a[ap + 2]);
            c20 = ai.fma(b0, c20);
            c21 = ai.fma(b1, c21);
            ai = FloatVector.broadcast(S, a[ap + 3]);
            c30 = ai.fma(b0, c30);
            c31 = ai.fma(b1, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }
}
