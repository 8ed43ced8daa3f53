package org.sculpt4d.vae;

import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.ResidualCrossAttentionBlock;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.Tensor;

/**
 * The geometry decoder (upstream {@code CrossAttentionDecoder}, prefix {@code geo_decoder}, spec §2.10):
 * {@code logit = output_proj(ln_post(cross_attn(query_proj(Fourier(p)), latents)))}, positive inside. Queries are
 * independent of each other, so {@link GeometryField} runs them in chunks.
 */
final class CrossAttentionDecoder {
    private final FourierEmbedder fourier;
    private final Linear queryProj;
    private final ResidualCrossAttentionBlock crossAttn;
    private final LayerNorm lnPost;
    private final Linear outputProj;
    private final int width;

    CrossAttentionDecoder(WeightBinder w, ShapeVaeConfig c, FourierEmbedder fourier) {
        this.fourier = fourier;
        this.width = c.width();
        this.queryProj = Linear.load(w.at("query_proj"), fourier.outDim(), c.width(), true);
        // upstream disables qk-norm together with ln_post (spec §2.10)
        boolean qkNorm = c.qkNorm() && c.geoDecoderLnPost();
        this.crossAttn = ResidualCrossAttentionBlock.load(w.at("cross_attn_decoder"), c.width(), c.width(), c.heads(),
                c.geoDecoderMlpExpandRatio(), c.qkvBias(), qkNorm);
        this.lnPost = c.geoDecoderLnPost() ? LayerNorm.load(w.at("ln_post"), c.width(), 1e-5f) : null;
        this.outputProj = Linear.load(w.at("output_proj"), c.width(), 1, true);
    }

    /** The keys and values of {@code latents [num_latents, width]}, shared by every chunk of queries. */
    ResidualCrossAttentionBlock.Memory memory(Tensor latents) {
        return crossAttn.memory(latents.requireShape("geometry decoder latents", -1, width));
    }

    /** {@code queries [n, 3]} → logits {@code [n, 1]}. */
    Tensor forward(ResidualCrossAttentionBlock.Memory latents, Tensor queries) {
        Tensor x = crossAttn.forward(queryProj.forward(fourier.forward(queries)), latents);
        if (lnPost != null) x = lnPost.forward(x);
        return outputProj.forward(x);
    }
}
