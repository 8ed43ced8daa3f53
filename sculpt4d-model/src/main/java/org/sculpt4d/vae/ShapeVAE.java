package org.sculpt4d.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.sculpt4d.nn.FourierEmbedder;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.ResidualAttentionBlock;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.nn.io.Checkpoint;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Hunyuan3D 2.1's vector-set VAE (spec §2), one shape at a time:
 * <pre>
 *   encode:  surface points → encoder → pre_kl → posterior (mean, logvar) → z (mean, or a sample with given noise)
 *   decode:  z → post_kl → self-attention stack → latents [num_latents, width]
 *   field:   latents → geometry decoder: logits (positive inside) of any points, or of a query grid
 * </pre>
 * The diffusion model works on {@code scale_factor · z}; {@link #decode} does NOT divide by the scale factor (spec
 * §2.9, §9.10): callers do, through {@link #unscale}.
 */
public final class ShapeVAE {
    /** The VAE's entry in the combined DiT checkpoint (spec §7.1). */
    private static final String COMBINED_PREFIX = "vae";

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
    public enum Parts {
        ALL(true, true, true), ENCODER(true, false, false), DECODER(false, true, false),
        GEO_DECODER(false, false, true), DECODE_PATH(false, true, true);

        private final boolean encoder, decoder, geoDecoder;

        Parts(boolean encoder, boolean decoder, boolean geoDecoder) {
            this.encoder = encoder;
            this.decoder = decoder;
            this.geoDecoder = geoDecoder;
        }

        /** {@code encoder.*} and {@code pre_kl.*}. */
        public boolean encoder() {
            return encoder;
        }

        /** {@code post_kl.*} and {@code transformer.*}. */
        public boolean decoder() {
            return decoder;
        }

        /** {@code geo_decoder.*}. */
        public boolean geoDecoder() {
            return geoDecoder;
        }
    }

    /**
     * Loads from a state dict with upstream keys ({@code encoder.*}, {@code pre_kl.*}, {@code post_kl.*},
     * {@code transformer.*}, {@code geo_decoder.*}). The keys are checked against {@link ShapeVaeLayout} before any
     * tensor is read: every missing or mis-shaped key is reported at once; with {@code strict}, so is every key of
     * the source that the loaded parts do not use.
     */
    public static ShapeVAE load(Weights weights, ShapeVaeConfig c, Parts parts, boolean strict) {
        ShapeVaeLayout.check(weights, c, parts, strict);
        WeightBinder w = new WeightBinder(weights);
        FourierEmbedder fourier = new FourierEmbedder(c.numFreqs(), c.includePi());
        PointCrossAttentionEncoder encoder = parts.encoder() ? new PointCrossAttentionEncoder(w.at("encoder"), c, fourier) : null;
        Linear preKl = parts.encoder() ? Linear.load(w.at("pre_kl"), c.width(), 2 * c.embedDim(), true) : null;
        Linear postKl = parts.decoder() ? Linear.load(w.at("post_kl"), c.embedDim(), c.width(), true) : null;
        ResidualAttentionBlock[] transformer = null;
        if (parts.decoder()) {
            transformer = new ResidualAttentionBlock[c.numDecoderLayers()];
            for (int i = 0; i < transformer.length; i++) {
                transformer[i] = ResidualAttentionBlock.load(w.at("transformer.resblocks." + i), c.width(), c.heads(),
                        c.qkvBias(), c.qkNorm());
            }
        }
        CrossAttentionDecoder geoDecoder = parts.geoDecoder() ? new CrossAttentionDecoder(w.at("geo_decoder"), c, fourier) : null;
        w.finish(strict, "");
        return new ShapeVAE(c, encoder, preKl, postKl, transformer, geoDecoder);
    }

    /**
     * Loads from a weights file (safetensors or {@code torch.save}, see {@link Checkpoint#open}): a flat VAE state
     * dict ({@code hunyuan3d-vae-v2-1/model.fp16.ckpt}) or the {@code vae} entry of the combined DiT checkpoint
     * ({@code hunyuan3d-dit-v2-1/model.fp16.ckpt}, keys {@code vae.*}; spec §7.1). With {@link Parts#ALL} the file
     * must hold exactly the VAE's keys; a part alone ignores the keys of the other parts.
     */
    public static ShapeVAE open(Path file, ShapeVaeConfig c, Parts parts) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            return fromCheckpoint(checkpoint.stateDict(), c, parts);
        }
    }

    /** As {@link #open}, from a checkpoint's state dict already opened (its {@code vae} entry, or all of it). */
    public static ShapeVAE fromCheckpoint(StateDict all, ShapeVaeConfig c, Parts parts) {
        return load(all.entryOrAll(COMBINED_PREFIX), c, parts, parts == Parts.ALL);
    }

    public ShapeVaeConfig config() {
        return config;
    }

    /**
     * Upstream's {@code encode(surface)}: the data and query points drawn from {@code rng} ({@link EncoderSampling}),
     * then {@link #encode(Tensor, PointSelection)}.
     */
    public DiagonalGaussianPosterior encode(Tensor surface, RandomGenerator rng) {
        return encode(surface, new EncoderSampling(config).draw(surface, rng));
    }

    /**
     * The posterior of one surface {@code [P, 3 + point_feats]} (spec §2.7–2.8): its {@code mean()} is
     * {@code encode(sample_posterior=False)}, {@code sample(noise)} is {@code sample_posterior=True} with explicit noise.
     */
    public DiagonalGaussianPosterior encode(Tensor surface, PointSelection points) {
        return posterior(encodeHidden(surface, points));
    }

    /** Encoder output after {@code ln_post}: {@code [queries, width]} (see {@link PointCrossAttentionEncoder#forward}). */
    public Tensor encodeHidden(Tensor surface, PointSelection points) {
        return require(encoder, "encoder").forward(surface, points.dataIndex(), points.queryIndex());
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

    /** The geometry decoder on {@code latents [num_latents, width]}: logits (positive inside) anywhere in space. */
    public GeometryField field(Tensor latents) {
        return new GeometryField(require(geoDecoder, "geometry decoder"), latents);
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
