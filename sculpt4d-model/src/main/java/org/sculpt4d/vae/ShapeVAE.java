package org.sculpt4d.vae;

import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.ResidualAttentionBlock;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Hunyuan3D 2.1's vector-set VAE (spec §2), one shape at a time:
 * <pre>
 *   encode:  surface points → encoder → pre_kl → posterior (mean, logvar) → z (mean, or a sample with given noise)
 *   decode:  z → post_kl → self-attention stack → latents [num_latents, width]
 *   query:   latents, xyz → geometry decoder → logits (positive inside)
 * </pre>
 * The diffusion model works on {@code scale_factor · z}; {@link #decode} does NOT divide by the scale factor (spec
 * §2.9, §9.10): callers do, through {@link #unscale}.
 */
public final class ShapeVAE {
    private final ShapeVaeConfig config;
    private final PointCrossAttentionEncoder encoder;
    private final Linear preKl;
    private final Linear postKl;
    private final ResidualAttentionBlock[] transformer;
    private final CrossAttentionDecoder geoDecoder;

    private ShapeVAE(ShapeVaeConfig c, PointCrossAttentionEncoder encoder, Linear preKl, Linear postKl,
                     ResidualAttentionBlock[] transformer, CrossAttentionDecoder geoDecoder) {
        this.config = c;
        this.encoder = encoder;
        this.preKl = preKl;
        this.postKl = postKl;
        this.transformer = transformer;
        this.geoDecoder = geoDecoder;
    }

    /** Which parts to load: the decode path alone (image-to-shape) needs no encoder weights. */
    public enum Parts { ALL, ENCODER, DECODER, GEO_DECODER, DECODE_PATH }

    /**
     * Loads from a state dict with upstream keys ({@code encoder.*}, {@code pre_kl.*}, {@code post_kl.*},
     * {@code transformer.*}, {@code geo_decoder.*}). Every missing or mis-shaped key is reported at once; with
     * {@code strict}, so is every key of the source that the loaded parts do not use.
     */
    public static ShapeVAE load(Weights weights, ShapeVaeConfig c, Parts parts, boolean strict) {
        WeightBinder w = new WeightBinder(weights);
        FourierEmbedder fourier = new FourierEmbedder(c.numFreqs(), c.includePi());
        boolean enc = parts == Parts.ALL || parts == Parts.ENCODER;
        boolean dec = parts == Parts.ALL || parts == Parts.DECODER || parts == Parts.DECODE_PATH;
        boolean geo = parts == Parts.ALL || parts == Parts.GEO_DECODER || parts == Parts.DECODE_PATH;
        PointCrossAttentionEncoder encoder = enc ? new PointCrossAttentionEncoder(w.at("encoder"), c, fourier) : null;
        Linear preKl = enc ? Linear.load(w.at("pre_kl"), c.width(), 2 * c.embedDim(), true) : null;
        Linear postKl = dec ? Linear.load(w.at("post_kl"), c.embedDim(), c.width(), true) : null;
        ResidualAttentionBlock[] transformer = null;
        if (dec) {
            transformer = new ResidualAttentionBlock[c.numDecoderLayers()];
            for (int i = 0; i < transformer.length; i++) {
                transformer[i] = ResidualAttentionBlock.load(w.at("transformer.resblocks." + i), c.width(), c.heads(),
                        c.qkvBias(), c.qkNorm());
            }
        }
        CrossAttentionDecoder geoDecoder = geo ? new CrossAttentionDecoder(w.at("geo_decoder"), c, fourier) : null;
        w.finish(strict, "");
        return new ShapeVAE(c, encoder, preKl, postKl, transformer, geoDecoder);
    }

    public ShapeVaeConfig config() {
        return config;
    }

    /** Encoder output after {@code ln_post}: {@code [num_latents, width]} (see {@link PointCrossAttentionEncoder#forward}). */
    public Tensor encodeHidden(Tensor surface, int[] dataIndex, int[] queryIndex) {
        return require(encoder, "encoder").forward(surface, dataIndex, queryIndex);
    }

    /** The posterior of an encoder output. */
    public DiagonalGaussianPosterior posterior(Tensor hidden) {
        return DiagonalGaussianPosterior.fromMoments(require(preKl, "pre_kl").forward(hidden));
    }

    /** {@code z [num_latents, embed_dim]} (already unscaled) → latents {@code [num_latents, width]}. */
    public Tensor decode(Tensor z) {
        Tensor x = require(postKl, "decoder").forward(z.requireShape("decoder z", -1, config.embedDim()));
        for (ResidualAttentionBlock b : transformer) x = b.forward(x);
        return x;
    }

    /** Geometry logits (positive inside) of {@code queries [P, 3]}, in bounded memory. */
    public float[] query(Tensor latents, Tensor queries) {
        return require(geoDecoder, "geometry decoder").forward(latents.requireShape("latents", -1, config.width()), queries);
    }

    /** Diffusion-space latents → VAE latents: {@code z / scale_factor} (spec §5.3). */
    public Tensor unscale(Tensor scaled) {
        return Ops.scale(scaled, (float) (1.0 / config.scaleFactor()));
    }

    private <T> T require(T part, String name) {
        if (part == null) throw new IllegalStateException("the " + name + " of this VAE was not loaded");
        return part;
    }
}
