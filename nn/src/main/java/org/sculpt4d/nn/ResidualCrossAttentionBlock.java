package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE's cross-attention residual block (upstream {@code ResidualCrossAttentionBlock}, spec §2.6):
 * <pre>
 *   x = x + c_proj(attention(qknorm(c_q(ln_1(x))), qknorm(k), v))   with k, v from c_kv(ln_2(data)), packed per head
 *   x = x + mlp(ln_3(x))
 * </pre>
 * Keys: {@code attn.c_q}, {@code attn.c_kv}, {@code attn.c_proj}, {@code attn.attention.{q_norm,k_norm}},
 * {@code ln_1}, {@code ln_2}, {@code ln_3}, {@code mlp.{c_fc,c_proj}}.
 */
public final class ResidualCrossAttentionBlock {
    private final LayerNorm ln1, ln2, ln3;
    private final Linear q, k, v, proj;
    private final QkNorm qNorm, kNorm;
    private final GeluMlp mlp;
    private final int heads;

    private ResidualCrossAttentionBlock(LayerNorm ln1, LayerNorm ln2, Linear q, Linear k, Linear v, QkNorm qNorm,
                                        QkNorm kNorm, Linear proj, LayerNorm ln3, GeluMlp mlp, int heads) {
        this.ln1 = ln1;
        this.ln2 = ln2;
        this.q = q;
        this.k = k;
        this.v = v;
        this.qNorm = qNorm;
        this.kNorm = kNorm;
        this.proj = proj;
        this.ln3 = ln3;
        this.mlp = mlp;
        this.heads = heads;
    }

    /**
     * @param width     query (and output) width
     * @param dataWidth width of the attended data (equal to width in Hunyuan's VAE)
     * @param mlpRatio  hidden width of the MLP over width (4)
     */
    public static ResidualCrossAttentionBlock load(WeightBinder w, int width, int dataWidth, int heads, int mlpRatio,
                                                   boolean qkvBias, boolean qkNorm) {
        WeightBinder attn = w.at("attn");
        Tensor kvW = attn.take("c_kv.weight", 2 * width, dataWidth);
        Tensor kvB = qkvBias ? attn.take("c_kv.bias", 2 * width) : null;
        Tensor[] ws = PerHeadPacking.split(kvW, heads, 2);
        Tensor[] bs = kvB == null ? new Tensor[2] : PerHeadPacking.split(kvB, heads, 2);
        int d = width / heads;
        return new ResidualCrossAttentionBlock(
                LayerNorm.load(w.at("ln_1"), width, 1e-6f),
                LayerNorm.load(w.at("ln_2"), dataWidth, 1e-6f),
                Linear.load(attn.at("c_q"), width, width, qkvBias),
                new Linear(ws[0], bs[0]), new Linear(ws[1], bs[1]),
                qkNorm ? QkNorm.layerNorm(LayerNorm.load(attn.at("attention.q_norm"), d, 1e-6f), d) : QkNorm.NONE,
                qkNorm ? QkNorm.layerNorm(LayerNorm.load(attn.at("attention.k_norm"), d, 1e-6f), d) : QkNorm.NONE,
                Linear.load(attn.at("c_proj"), width, width, true),
                LayerNorm.load(w.at("ln_3"), width, 1e-6f),
                GeluMlp.load(w.at("mlp"), "c_fc", "c_proj", width, mlpRatio * width),
                heads);
    }

    /** The attended side of the block: normalised keys and values of some data, computed once for many queries. */
    public record Memory(Tensor keys, Tensor values) {
    }

    /** {@code data [..., nk, dataWidth]} → its keys and values ({@code ln_2}, {@code c_kv}, qk-norm on the keys). */
    public Memory memory(Tensor data) {
        Tensor hd = ln2.forward(data);
        return new Memory(kNorm.apply(k.forward(hd)), v.forward(hd));
    }

    /** {@code x [..., nq, width]} attends {@code data [..., nk, dataWidth]}. */
    public Tensor forward(Tensor x, Tensor data) {
        return forward(x, memory(data));
    }

    /** {@code x [..., nq, width]} attends data given by its {@link #memory}. */
    public Tensor forward(Tensor x, Memory data) {
        Tensor o = Ops.attention(qNorm.apply(q.forward(ln1.forward(x))), data.keys(), data.values(), heads, null);
        Tensor y = Ops.add(x, proj.forward(o));
        return Ops.add(y, mlp.forward(ln3.forward(y)));
    }
}
