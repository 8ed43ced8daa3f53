package org.sculpt4d.dit;

import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.PerHeadPacking;
import org.sculpt4d.nn.QkNorm;
import org.sculpt4d.nn.RmsNorm;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * The DiT's attention layers (spec §3.4): {@code attn1} ({@code Attention}, self-attention) and {@code attn2}
 * ({@code CrossAttention} over the image tokens). Keys {@code to_q}, {@code to_k}, {@code to_v} (biases with
 * {@code qkv_bias}), {@code q_norm}, {@code k_norm}, {@code out_proj}.
 *
 * <p>Upstream concatenates the projections per token and reads the result as {@code [heads][parts][headDim]}: in
 * self-attention head h takes its query, key and value from rows {@code [3d·h, 3d·h + 3d)} of {@code [Q | K | V]}
 * (head 0's key is Q's second slice); in cross-attention the keys and values come from {@code [K | V]} read as
 * {@code [heads][2][d]}, while queries are split plainly. This "scramble" is undone once, at load time
 * ({@link PerHeadPacking#split} of the stacked weight rows), so the forward pass is ordinary multi-head attention.
 */
public final class DitAttention {
    private final Linear q, k, v, out;
    private final QkNorm qNorm, kNorm;
    private final int heads;

    private DitAttention(Linear q, Linear k, Linear v, QkNorm qNorm, QkNorm kNorm, Linear out, int heads) {
        this.q = q;
        this.k = k;
        this.v = v;
        this.qNorm = qNorm;
        this.kNorm = kNorm;
        this.out = out;
        this.heads = heads;
    }

    /** {@code attn1}: queries, keys and values all from the tokens, re-sliced from {@code [heads][q|k|v][d]}. */
    public static DitAttention self(WeightBinder w, DitConfig c) {
        int h = c.hiddenSize();
        Linear[] qkv = unscramble(w, c, h, 3, "to_q", "to_k", "to_v");
        return new DitAttention(qkv[0], qkv[1], qkv[2], qkNorm(w, "q_norm", c), qkNorm(w, "k_norm", c),
                Linear.load(w.at("out_proj"), h, h, true), c.numHeads());
    }

    /** {@code attn2}: plain per-head queries from the tokens; keys and values of the context from {@code [heads][k|v][d]}. */
    public static DitAttention cross(WeightBinder w, DitConfig c) {
        int h = c.hiddenSize();
        Linear query = Linear.load(w.at("to_q"), h, h, c.qkvBias());
        Linear[] kv = unscramble(w, c, c.contextDim(), 2, "to_k", "to_v");
        return new DitAttention(query, kv[0], kv[1], qkNorm(w, "q_norm", c), qkNorm(w, "k_norm", c),
                Linear.load(w.at("out_proj"), h, h, true), c.numHeads());
    }

    /**
     * The tokens {@code x [..., n, hidden]} attend {@code context [..., m, in]} (the tokens themselves for
     * self-attention). {@code mask} restricts which query/key tiles are computed (null: dense), for the 4D model's
     * block-sparse self-attention.
     */
    public Tensor forward(Tensor x, Tensor context, BlockMask mask) {
        return forward(x, context, AttentionKernel.blockSparse(mask));
    }

    /** As {@link #forward(Tensor, Tensor, BlockMask)} with the query/key pattern given by {@code kernel}. */
    public Tensor forward(Tensor x, Tensor context, AttentionKernel kernel) {
        Tensor o = kernel.attend(qNorm.apply(q.forward(x)), kNorm.apply(k.forward(context)), v.forward(context), heads);
        return out.forward(o);
    }

    /** Stacks the named projections' rows (and biases) and splits them per head into plain projections. */
    private static Linear[] unscramble(WeightBinder w, DitConfig c, int in, int parts, String... names) {
        int h = c.hiddenSize();
        Tensor[] weights = new Tensor[parts], biases = new Tensor[parts];
        for (int p = 0; p < parts; p++) {
            weights[p] = w.at(names[p]).take("weight", h, in);
            if (c.qkvBias()) biases[p] = w.at(names[p]).take("bias", h);
        }
        Tensor[] ws = PerHeadPacking.split(Ops.concat(0, weights), c.numHeads(), parts);
        Tensor[] bs = c.qkvBias() ? PerHeadPacking.split(Ops.concat(0, biases), c.numHeads(), parts) : new Tensor[parts];
        Linear[] out = new Linear[parts];
        for (int p = 0; p < parts; p++) out[p] = new Linear(ws[p], bs[p]);
        return out;
    }

    /** The per-head qk-norm of spec §3.4 (RMSNorm, or LayerNorm with qk_norm_type 'layer'), eps 1e-6, or none. */
    private static QkNorm qkNorm(WeightBinder w, String name, DitConfig c) {
        if (!c.qkNorm()) return QkNorm.NONE;
        int d = c.headDim();
        return c.qkNormType() == DitConfig.QkNormType.RMS
                ? QkNorm.rmsNorm(RmsNorm.load(w.at(name), d, 1e-6f), d)
                : QkNorm.layerNorm(LayerNorm.load(w.at(name), d, 1e-6f), d);
    }
}
