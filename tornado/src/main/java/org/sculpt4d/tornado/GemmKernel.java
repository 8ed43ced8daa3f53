package org.sculpt4d.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * {@code C = A·B} or {@code C = A·Bᵀ} on the device ({@link org.sculpt4d.tensor.backend.Backend#gemm}): the classic
 * shared-memory tiled product. Each work-group computes a {@value #TILE} × {@value #TILE} tile of C; per step it loads
 * one tile of A and one of B into local memory, so every element of A and B is read from global memory
 * {@code n/TILE} and {@code m/TILE} times instead of n and m times. Out-of-range loads read 0, so any m, n, k works.
 */
final class GemmKernel {
    static final int TILE = 16;

    /** Layout of the int parameters. */
    static final int M = 0, N = 1, K = 2, LDA = 3, LDB = 4, TRANS_B = 5, LDC = 6, ACCUMULATE = 7, PARAMS = 8;

    private GemmKernel() {
    }

    /** Launched on a grid of (⌈n/TILE⌉·TILE, ⌈m/TILE⌉·TILE) work-items in TILE × TILE groups. */
    static void gemm(KernelContext ctx, IntArray p, FloatArray a, FloatArray b, FloatArray c) {
        int m = p.get(M);
        int n = p.get(N);
        int k = p.get(K);
        int lda = p.get(LDA);
        int ldb = p.get(LDB);
        int transB = p.get(TRANS_B);
        int tx = ctx.localIdx;
        int ty = ctx.localIdy;
        int j = ctx.groupIdx * TILE + tx;
        int i = ctx.groupIdy * TILE + ty;
        float[] aTile = ctx.allocateFloatLocalArray(TILE * TILE);
        float[] bTile = ctx.allocateFloatLocalArray(TILE * TILE);
        float sum = 0f;
        for (int t = 0; t < k; t += TILE) {
            float av = 0f;
            if (i < m && t + tx < k) {
                av = a.get(i * lda + t + tx);
            }
            aTile[ty * TILE + tx] = av;
            float bv = 0f;
            if (j < n && t + ty < k) {
                if (transB == 1) {
                    bv = b.get(j * ldb + t + ty);
                } else {
                    bv = b.get((t + ty) * ldb + j);
                }
            }
            bTile[ty * TILE + tx] = bv;
            ctx.localBarrier();
            for (int x = 0; x < TILE; x++) {
                sum += aTile[ty * TILE + x] * bTile[x * TILE + tx];
            }
            ctx.localBarrier();
        }
        if (i < m && j < n) {
            int at = i * p.get(LDC) + j;
            if (p.get(ACCUMULATE) == 1) {
                sum += c.get(at);
            }
            c.set(at, sum);
        }
    }
}
