package org.sculpt4d.tensor.backend.vector;

import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.Parallel;
import org.sculpt4d.tensor.backend.ScalarBackend;
import org.sculpt4d.tensor.backend.UnaryOp;

/**
 * The CPU backend: all cores ({@link org.sculpt4d.tensor.backend.Parallel}) and SIMD through the incubating Vector
 * API. Overrides the hot kernels of {@link ScalarBackend}; everything else is inherited.
 */
public final class VectorBackend extends ScalarBackend {
    private static final int MAP_BLOCK = 4096;

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        PackedGemm.gemm(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
    }

    @Override
    public void attention(int nq, int nk, int heads, int headDim, float scale, float[] q, int qOff, int ldq,
                          float[] k, int kOff, int ldk, float[] v, int vOff, int ldv, float[] o, int oOff, int ldo,
                          BlockMask mask) {
        checkMask(mask, nq, nk);
        FlashAttention.attention(nq, nk, heads, headDim, scale, q, qOff, ldq, k, kOff, ldk, v, vOff, ldv, o, oOff, ldo, mask);
    }

    @Override
    public void smallAttention(int n, int positions, int heads, int headDim, float scale, float[] q, int qOff,
                               float[] k, int kOff, float[] v, int vOff, float[] o, int oOff, int stride) {
        if (!SmallAttention.supports(n, headDim)) {
            super.smallAttention(n, positions, heads, headDim, scale, q, qOff, k, kOff, v, vOff, o, oOff, stride);
            return;
        }
        SmallAttention.attention(n, positions, heads, headDim, scale, q, qOff, k, kOff, v, vOff, o, oOff, stride);
    }

    @Override
    public void map(UnaryOp op, int n, float[] x, int xOff, float[] y, int yOff) {
        if (!VectorActivations.supports(op)) {
            super.map(op, n, x, xOff, y, yOff);
            return;
        }
        // fixed blocks (a multiple of every vector length) so the SIMD/scalar-tail split, and so every result
        // bit, does not depend on the thread count
        int blocks = (n + MAP_BLOCK - 1) / MAP_BLOCK;
        Parallel.forRange(0, blocks, 4, (b0, b1) ->
                VectorActivations.map(op, x, xOff, y, yOff, b0 * MAP_BLOCK, Math.min(n, b1 * MAP_BLOCK)));
    }
}
