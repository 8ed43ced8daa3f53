package org.sculpt4d.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Block-sparse scaled dot-product attention on the device ({@link org.sculpt4d.tensor.backend.Backend#attention}):
 * one work-item per (query, head) walks only the key ranges of its query block's kept tiles (the compiled 4D mask,
 * sculpt4d-method.md §2) with the online softmax of flash attention: a running maximum and sum, and the output row
 * rescaled whenever the maximum grows, so the score row is never stored. The output row is accumulated in a private
 * array of {@value #MAX_HEAD_DIM} floats (registers or private memory), written to global memory once.
 *
 * <p>The tile list ({@link DeviceMask}) is one int array: the query block of every query, then CSR row pointers per
 * query block, then {@code [start, end)} key ranges.
 */
final class AttentionKernel {

    /** Layout of the int parameters. */
    static final int NQ = 0, HEADS = 1, HEAD_DIM = 2, LDQ = 3, LDK = 4, LDV = 5, LDO = 6, ROW_POINTERS = 7, RANGES = 8,
            PARAMS = 9;

    /** Largest head dimension the kernel's private accumulator holds; larger heads run on the CPU reference. */
    static final int MAX_HEAD_DIM = 128;

    private AttentionKernel() {
    }

    /** Launched on ⌈nq·heads⌉ work-items; {@code scale[0]} is the softmax scale. */
    static void attention(KernelContext ctx, IntArray p, FloatArray scale, FloatArray q, FloatArray k, FloatArray v,
                          FloatArray o, IntArray tiles) {
        int id = ctx.globalIdx;
        int heads = p.get(HEADS);
        if (id < p.get(NQ) * heads) {
            int d = p.get(HEAD_DIM);
            int i = id / heads;
            int h = id - i * heads;
            int qAt = i * p.get(LDQ) + h * d;
            int oAt = i * p.get(LDO) + h * d;
            int ldk = p.get(LDK);
            int ldv = p.get(LDV);
            float s0 = scale.get(0);
            float[] acc = new float[MAX_HEAD_DIM];
            for (int x = 0; x < d; x++) {
                acc[x] = 0f;
            }
            float max = Float.NEGATIVE_INFINITY;
            float sum = 0f;
            int qb = tiles.get(i);
            int rowPointers = p.get(ROW_POINTERS);
            int ranges = p.get(RANGES);
            for (int t = tiles.get(rowPointers + qb); t < tiles.get(rowPointers + qb + 1); t++) {
                int end = tiles.get(ranges + 2 * t + 1);
                for (int key = tiles.get(ranges + 2 * t); key < end; key++) {
                    int kAt = key * ldk + h * d;
                    float s = 0f;
                    for (int x = 0; x < d; x++) {
                        s += q.get(qAt + x) * k.get(kAt + x);
                    }
                    s *= s0;
                    if (s > max) {
                        float correction = TornadoMath.exp(max - s);
                        sum *= correction;
                        for (int x = 0; x < d; x++) {
                            acc[x] *= correction;
                        }
                        max = s;
                    }
                    float weight = TornadoMath.exp(s - max);
                    sum += weight;
                    int vAt = key * ldv + h * d;
                    for (int x = 0; x < d; x++) {
                        acc[x] += weight * v.get(vAt + x);
                    }
                }
            }
            float inv = 0f; // a query whose row keeps no key gets zeros
            if (sum > 0f) {
                inv = 1f / sum;
            }
            for (int x = 0; x < d; x++) {
                o.set(oAt + x, acc[x] * inv);
            }
        }
    }
}
