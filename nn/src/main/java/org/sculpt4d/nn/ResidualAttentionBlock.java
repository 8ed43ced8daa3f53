package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE's self-attention residual block (upstream {@code ResidualAttentionBlock}, spec §2.6):
 * <pre>
 *   x = x + c_proj(attention(qknorm(q), qknorm(k), v))   with q, k, v from c_qkv(ln_1(x)), packed per head
 *   x = x + mlp(ln_2(x))                                 c_fc → exact GELU → c_proj
 * </pre>
 * Keys: {@code attn.c_qkv}, {@code attn.c_proj}, {@code attn.attention.{q_norm,k_norm}}, {@code ln_1}, {@code ln_2},
 * {@code mlp.{c_fc,c_proj}}.
 */
public final class ResidualAttentionBlock {
    private final LayerNorm ln1, ln2;
    private final Linear q, k, v, proj;
    private final QkNorm qNorm, kNorm;
    private final GeluMlp mlp;
    private final int heads;

    private ResidualAttentionBlock(LayerNorm ln1, Linear q, Linear k, Linear v, QkNorm qNorm, QkNorm kNorm, Linear proj,
                                   LayerNorm ln2, GeluMlp mlp, int heads) {
        this.ln1 = ln1;
        this.q = q;
        this.k = k;
        this.v = v;
        this.qNorm = qNorm;
        this.kNorm = kNorm;
        this.proj = proj;
        this.ln2 = ln2;
        this.mlp = mlp;
        this.heads = heads;
    }

    public static ResidualAttentionBlock load(WeightBinder w, int width, int heads, boolean qkvBias, boolean qkNorm) {
        WeightBinder attn = w.at("attn");
        Tensor packedW = attn.take("c_qkv.weight", 3 * width, width);
        Tensor packedB = qkvBias ? attn.take("c_qkv.bias", 3 * width) : null;
        Tensor[] ws = PerHeadPacking.split(packedW, heads, 3);
        Tensor[] bs = packedB == null ? new Tensor[3] : PerHeadPacking.split(packedB, heads, 3);
        int d = width / heads;
        return new ResidualAttentionBlock(
                LayerNorm.load(w.at("ln_1"), width, 1e-6f),
                new Linear(ws[0], bs[0]), new Linear(ws[1], bs[1]), new Linear(ws[2], bs[2]),
                qkNorm ? QkNorm.layerNorm(LayerNorm.load(attn.at("attention.q_norm"), d, 1e-6f), d) : QkNorm.NONE,
                qkNorm ? QkNorm.layerNorm(LayerNorm.load(attn.at("attention.k_norm"), d, 1e-6f), d) : QkNorm.NONE,
                Linear.load(attn.at("c_proj"), width, width, true),
                LayerNorm.load(w.at("ln_2"), width, 1e-6f),
                GeluMlp.load(w.at("mlp"), "c_fc", "c_proj", width, 4 * width),
                heads);
    }

    /** {@code x [..., n, width]} → same shape. */
    public Tensor forward(Tensor x) {
        Tensor h = ln1.forward(x);
        Tensor o = Ops.attention(qNorm.apply(q.forward(h)), kNorm.apply(k.forward(h)), v.forward(h), heads, null);
        Tensor y = Ops.add(x, proj.forward(o));
        return Ops.add(y, mlp.forward(ln2.forward(y)));
    }
}
