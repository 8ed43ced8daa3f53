package org.sculpt4d.vae;

import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.ResidualAttentionBlock;
import org.sculpt4d.nn.ResidualCrossAttentionBlock;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE encoder (upstream {@code PointCrossAttentionEncoder}, spec §2.7): the query points (FPS-selected) attend
 * to the data points through one cross-attention block, then a self-attention stack and {@code ln_post} (eps 1e-5).
 * Which rows are data and which are queries is an explicit input ({@link EncoderSampling} chooses them).
 */
public final class PointCrossAttentionEncoder {
    private final FourierEmbedder fourier;
    private final Linear inputProj;
    private final ResidualCrossAttentionBlock crossAttn;
    private final ResidualAttentionBlock[] selfAttn;
    private final LayerNorm lnPost;
    private final int pointFeats;

    PointCrossAttentionEncoder(WeightBinder w, ShapeVaeConfig c, FourierEmbedder fourier) {
        this.fourier = fourier;
        this.pointFeats = c.pointFeats();
        this.inputProj = Linear.load(w.at("input_proj"), fourier.outDim() + c.pointFeats(), c.width(), true);
        this.crossAttn = ResidualCrossAttentionBlock.load(w.at("cross_attn"), c.width(), c.width(), c.heads(), 4,
                c.qkvBias(), c.qkNorm());
        this.selfAttn = new ResidualAttentionBlock[c.numEncoderLayers()];
        for (int i = 0; i < selfAttn.length; i++) {
            selfAttn[i] = ResidualAttentionBlock.load(w.at("self_attn.resblocks." + i), c.width(), c.heads(), c.qkvBias(), c.qkNorm());
        }
        this.lnPost = LayerNorm.load(w.at("ln_post"), c.width(), 1e-5f);
    }

    /**
     * @param surface    {@code [P, 3 + point_feats]} (xyz, normal, sharp flag) of one shape
     * @param dataIndex  rows of {@code surface} that form the data set, in order
     * @param queryIndex rows of {@code surface} that form the queries, in FPS selection order
     * @return {@code [num_latents, width]} after {@code ln_post}
     */
    public Tensor forward(Tensor surface, int[] dataIndex, int[] queryIndex) {
        surface.requireShape("encoder surface", -1, 3 + pointFeats);
        Tensor data = embed(Ops.gather(surface, 0, dataIndex));
        Tensor query = embed(Ops.gather(surface, 0, queryIndex));
        Tensor x = crossAttn.forward(query, data);
        for (ResidualAttentionBlock b : selfAttn) x = b.forward(x);
        return lnPost.forward(x);
    }

    /** {@code [Fourier(xyz), features]} → {@code input_proj}. */
    private Tensor embed(Tensor points) {
        Tensor[] parts = Ops.split(points, 1, 3, pointFeats);
        return inputProj.forward(Ops.concat(1, fourier.forward(parts[0]), parts[1]));
    }
}
