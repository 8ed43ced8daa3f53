package org.sculpt4d.dit;

import java.util.function.UnaryOperator;
import org.sculpt4d.nn.GeluMlp;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.MixtureOfExperts;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * One {@code HunYuanDiTBlock} (spec §3.2, §3.4), all norms LayerNorm(eps 1e-6):
 * <pre>
 *   h = skip_norm(skip_linear(concat(skip, h)))   only blocks i > depth/2: the U-ViT long skip, skip value first
 *   h = h + attn1(norm1(h))                       self-attention over all tokens, the time token included
 *   h = h + attn2(norm2(h), cond)                 cross-attention to the image tokens
 *   h = h + ffn(norm3(h))                         MLP fc1 → GELU → fc2, or the mixture of experts (last blocks)
 * </pre>
 * No timestep modulation: the time token is an ordinary token here.
 */
public final class DitBlock {
    private final Linear skipLinear;
    private final LayerNorm skipNorm;
    private final LayerNorm norm1, norm2, norm3;
    private final DitAttention attn1, attn2;
    private final UnaryOperator<Tensor> ffn;

    private DitBlock(Linear skipLinear, LayerNorm skipNorm, LayerNorm norm1, DitAttention attn1, LayerNorm norm2,
                     DitAttention attn2, LayerNorm norm3, UnaryOperator<Tensor> ffn) {
        this.skipLinear = skipLinear;
        this.skipNorm = skipNorm;
        this.norm1 = norm1;
        this.attn1 = attn1;
        this.norm2 = norm2;
        this.attn2 = attn2;
        this.norm3 = norm3;
        this.ffn = ffn;
    }

    /** Block {@code index} of a model with config {@code c}, from {@code w} (the binder of {@code blocks.index}). */
    public static DitBlock load(WeightBinder w, DitConfig c, int index) {
        int h = c.hiddenSize();
        boolean skip = c.takesSkip(index);
        UnaryOperator<Tensor> ffn;
        if (c.usesMoe(index)) {
            ffn = MixtureOfExperts.load(w.at("moe"), h, 4 * h, c.numExperts(), c.moeTopK())::forward;
        } else {
            ffn = GeluMlp.load(w.at("mlp"), "fc1", "fc2", h, 4 * h)::forward;
        }
        return new DitBlock(
                skip ? Linear.load(w.at("skip_linear"), 2 * h, h, true) : null,
                skip ? LayerNorm.load(w.at("skip_norm"), h, 1e-6f) : null,
                LayerNorm.load(w.at("norm1"), h, 1e-6f), DitAttention.self(w.at("attn1"), c),
                LayerNorm.load(w.at("norm2"), h, 1e-6f), DitAttention.cross(w.at("attn2"), c),
                LayerNorm.load(w.at("norm3"), h, 1e-6f), ffn);
    }

    /** Whether this block consumes a long skip. */
    public boolean takesSkip() {
        return skipLinear != null;
    }

    /**
     * {@code h [B, n, hidden]} → same shape. {@code skip} (same shape) is required exactly when {@link #takesSkip}.
     * {@code selfMask} (null: dense) restricts the self-attention over all n tokens, the seam for the 4D model's
     * block-sparse attention; cross-attention is always dense.
     *
     * <p>{@code cond [B·T, S, context_dim]} with T ≥ 1: the n tokens of each item are T equal consecutive groups
     * (frames), and group j of item b attends condition {@code b·T + j}. With T = 1 this is the 3D model.
     */
    public Tensor forward(Tensor h, Tensor cond, Tensor skip, BlockMask selfMask) {
        return forward(h, cond, skip, AttentionKernel.blockSparse(selfMask));
    }

    /** As {@link #forward(Tensor, Tensor, Tensor, BlockMask)} with the self-attention's pattern given by {@code selfAttention}. */
    public Tensor forward(Tensor h, Tensor cond, Tensor skip, AttentionKernel selfAttention) {
        if (takesSkip() != (skip != null)) {
            throw new IllegalArgumentException(takesSkip() ? "this block needs a skip value" : "this block takes no skip value");
        }
        int batch = h.dim(0), n = h.dim(1);
        int frames = cond.dim(0) / Math.max(1, batch);
        if (cond.rank() != 3 || frames * batch != cond.dim(0) || frames == 0 || n % frames != 0) {
            throw new IllegalArgumentException("DiT block: condition " + java.util.Arrays.toString(cond.shape())
                    + " does not split tokens " + java.util.Arrays.toString(h.shape()) + " into frames");
        }
        int groups = batch * frames, hidden = h.dim(2);
        if (skip != null) {
            Tensor joined = Tensor.zeros(h.shape());
            for (int g = 0; g < groups; g++) {
                joined.reshape(groups, n / frames, hidden).narrow(0, g, 1).copyFrom(skipNorm.forward(skipLinear.forward(
                        Ops.concat(-1, frame(skip, groups, g), frame(h, groups, g)))));
            }
            h = joined;
        }
        Tensor x = norm1.forward(h);
        h = Ops.add(h, attn1.forward(x, x, selfAttention));
        // Cross-attention and the MLP/MoE touch one token (cross: one frame's tokens) at a time, so they run frame by
        // frame (sculpt4d-method.md §1: shared by all frames): their activations, the 4·hidden MLP's above all, exist
        // for one frame at a time, whatever T is. h is this block's own tensor, updated in place.
        for (int g = 0; g < groups; g++) {
            Tensor hg = frame(h, groups, g);
            Tensor a = Ops.add(hg, attn2.forward(norm2.forward(hg), cond.narrow(0, g, 1), AttentionKernel.DENSE));
            hg.copyFrom(Ops.add(a, ffn.apply(norm3.forward(a))));
        }
        return h;
    }

    /** Frame {@code g} of {@code t [B, n, hidden]} seen as {@code groups} frames: a view {@code [1, n/groups, hidden]}. */
    private static Tensor frame(Tensor t, int groups, int g) {
        return t.reshape(groups, t.dim(1) * t.dim(0) / groups, t.dim(2)).narrow(0, g, 1);
    }
}
