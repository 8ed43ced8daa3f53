package org.sculpt4d.tensor.backend.vector;

import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.ScalarBackend;

/** PLACEHOLDER (being written): tiled online-softmax attention with Vector API inner loops, dense and block-sparse. */
final class FlashAttention {
    private FlashAttention() {
    }

    static void attention(int nq, int nk, int heads, int headDim, float scale, float[] q, int qOff, int ldq,
                          float[] k, int kOff, int ldk, float[] v, int vOff, int ldv, float[] o, int oOff, int ldo,
                          BlockMask mask) {
        new ScalarBackend().attention(nq, nk, heads, headDim, scale, q, qOff, ldq, k, kOff, ldk, v, vOff, ldv, o, oOff, ldo, mask);
    }
}
