package org.sculpt4d.dit;

import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * How a self-attention's queries attend its keys, given the projected {@code q, k, v [..., n, heads·d]}: dense,
 * block-sparse (the 4D DiT's Block Sparse Attention, sculpt4d-method.md §2), or position-aligned (the
 * {@code temporal-only} ablation's own kernel).
 */
@FunctionalInterface
public interface AttentionKernel {
    /** Dense attention: every query attends every key. */
    AttentionKernel DENSE = (q, k, v, heads) -> Ops.attention(q, k, v, heads, null);

    /** The attention output, shaped like {@code q}. */
    Tensor attend(Tensor q, Tensor k, Tensor v, int heads);

    /** Attention restricted to the kept tiles of {@code mask} (null: dense). */
    static AttentionKernel blockSparse(BlockMask mask) {
        return (q, k, v, heads) -> Ops.attention(q, k, v, heads, mask);
    }

    /** Token p of each of {@code groups} equal consecutive groups attends token p of every group ({@link Ops#alignedAttention}). */
    static AttentionKernel aligned(int groups) {
        return (q, k, v, heads) -> Ops.alignedAttention(q, k, v, heads, groups);
    }
}
