package org.sculpt4d.vae;

import java.util.Map;
import org.sculpt4d.nn.WeightLayout;
import org.sculpt4d.nn.WeightLoadException;
import org.sculpt4d.nn.Weights;

/**
 * The state dict of a ShapeVAE, key → shape, from its config alone (spec §2.6–2.10, key names and shapes of §7.3), in
 * upstream's module order. It lets a checkpoint be checked against a config before any tensor is read, and counts
 * parameters without allocating them (the released config: 410 tensors, 327,746,177 parameters, spec §7.2).
 */
public final class ShapeVaeLayout {
    private final ShapeVaeConfig c;
    private final WeightLayout.Builder shapes = new WeightLayout.Builder("");

    private ShapeVaeLayout(ShapeVaeConfig c) {
        this.c = c;
    }

    /** The keys and shapes of the given parts. */
    public static Map<String, int[]> of(ShapeVaeConfig c, ShapeVAE.Parts parts) {
        ShapeVaeLayout l = new ShapeVaeLayout(c);
        int w = c.width(), fourier = 3 + 6 * c.numFreqs();
        if (parts.encoder()) {
            l.linear("encoder.input_proj", fourier + c.pointFeats(), w, true);
            l.crossBlock("encoder.cross_attn", 4, c.qkNorm());
            for (int i = 0; i < c.numEncoderLayers(); i++) l.selfBlock("encoder.self_attn.resblocks." + i);
            l.norm("encoder.ln_post", w);
            l.linear("pre_kl", w, 2 * c.embedDim(), true);
        }
        if (parts.decoder()) {
            l.linear("post_kl", c.embedDim(), w, true);
            for (int i = 0; i < c.numDecoderLayers(); i++) l.selfBlock("transformer.resblocks." + i);
        }
        if (parts.geoDecoder()) {
            l.linear("geo_decoder.query_proj", fourier, w, true);
            // upstream disables qk-norm together with ln_post (spec §2.10)
            l.crossBlock("geo_decoder.cross_attn_decoder", c.geoDecoderMlpExpandRatio(),
                    c.qkNorm() && c.geoDecoderLnPost());
            if (c.geoDecoderLnPost()) l.norm("geo_decoder.ln_post", w);
            l.linear("geo_decoder.output_proj", w, 1, true);
        }
        return l.shapes.shapes();
    }

    /** Total number of parameters of {@code layout}. */
    public static long parameterCount(Map<String, int[]> layout) {
        return WeightLayout.parameterCount(layout);
    }

    /**
     * Checks {@code weights} against the layout of {@code parts} without reading any tensor, and throws a
     * {@link WeightLoadException} naming every missing and mis-shaped key and, when {@code strict}, every key the
     * parts do not use.
     */
    public static void check(Weights weights, ShapeVaeConfig c, ShapeVAE.Parts parts, boolean strict) {
        WeightLayout.check(weights, of(c, parts), strict);
    }

    private void linear(String prefix, int in, int out, boolean bias) {
        shapes.linear(prefix, in, out, bias);
    }

    private void norm(String prefix, int dim) {
        shapes.norm(prefix, dim);
    }

    private void headNorms(String attn, boolean qkNorm) {
        if (!qkNorm) return;
        int d = c.width() / c.heads();
        norm(attn + ".attention.q_norm", d);
        norm(attn + ".attention.k_norm", d);
    }

    private void mlp(String prefix, int ratio) {
        linear(prefix + ".mlp.c_fc", c.width(), ratio * c.width(), true);
        linear(prefix + ".mlp.c_proj", ratio * c.width(), c.width(), true);
    }

    /** {@code ResidualAttentionBlock}: attn (c_qkv, c_proj, qk-norms), ln_1, mlp (×4), ln_2. */
    private void selfBlock(String prefix) {
        int w = c.width();
        linear(prefix + ".attn.c_qkv", w, 3 * w, c.qkvBias());
        linear(prefix + ".attn.c_proj", w, w, true);
        headNorms(prefix + ".attn", c.qkNorm());
        norm(prefix + ".ln_1", w);
        mlp(prefix, 4);
        norm(prefix + ".ln_2", w);
    }

    /** {@code ResidualCrossAttentionBlock}: attn (c_q, c_kv, c_proj, qk-norms), ln_1..3, mlp. */
    private void crossBlock(String prefix, int mlpRatio, boolean qkNorm) {
        int w = c.width();
        linear(prefix + ".attn.c_q", w, w, c.qkvBias());
        linear(prefix + ".attn.c_kv", w, 2 * w, c.qkvBias());
        linear(prefix + ".attn.c_proj", w, w, true);
        headNorms(prefix + ".attn", qkNorm);
        norm(prefix + ".ln_1", w);
        norm(prefix + ".ln_2", w);
        norm(prefix + ".ln_3", w);
        mlp(prefix, mlpRatio);
    }
}
