package org.sculpt4d.vae;

import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.ResidualCrossAttentionBlock;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.Tensor;

/**
 * The geometry decoder (upstream {@code CrossAttentionDecoder}, prefix {@code geo_decoder}, spec §2.10):
 * {@code logit = output_proj(ln_post(cross_attn(query_proj(Fourier(p)), latents)))}. Positive inside.
 * Queries are independent (each attends only to the latents), so {@link #forward} runs them in chunks: memory is
 * bounded by the chunk size whatever the number of queries.
 */
public final class CrossAttentionDecoder {
    /** Queries per chunk: bounds the {@code [chunk, 4·width]} MLP activation (~128 MB at the real width). */
    public static final int CHUNK = 8192;

    private final FourierEmbedder fourier;
    private final Linear queryProj;
    private final ResidualCrossAttentionBlock crossAttn;
    private final LayerNorm lnPost;
    private final Linear outputProj;

    CrossAttentionDecoder(WeightBinder w, ShapeVaeConfig c, FourierEmbedder fourier) {
        this.fourier = fourier;
        this.queryProj = Linear.load(w.at("query_proj"), fourier.outDim(), c.width(), true);
        // upstream disables qk-norm together with ln_post (spec §2.10)
        boolean qkNorm = c.qkNorm() && c.geoDecoderLnPost();
        this.crossAttn = ResidualCrossAttentionBlock.load(w.at("cross_attn_decoder"), c.width(), c.width(), c.heads(),
                c.geoDecoderMlpExpandRatio(), c.qkvBias(), qkNorm);
        this.lnPost = c.geoDecoderLnPost() ? LayerNorm.load(w.at("ln_post"), c.width(), 1e-5f) : null;
        this.outputProj = Linear.load(w.at("output_proj"), c.width(), 1, true);
    }

    /** {@code latents [num_latents, width]}, {@code queries [P, 3]} → logits {@code [P]}. */
    public float[] forward(Tensor latents, Tensor queries) {
        queries.requireShape("geometry decoder queries", -1, 3);
        int p = queries.dim(0);
        float[] logits = new float[p];
        for (int start = 0; start < p; start += CHUNK) {
            int end = Math.min(p, start + CHUNK);
            Tensor x = crossAttn.forward(queryProj.forward(fourier.forward(queries.slice(start, end))), latents);
            if (lnPost != null) x = lnPost.forward(x);
            Tensor out = outputProj.forward(x);
            System.arraycopy(out.data(), out.offset(), logits, start, end - start);
        }
        return logits;
    }
}
