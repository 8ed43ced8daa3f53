package org.sculpt4d.pipeline;

import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.vae.ShapeVaeConfig;

/**
 * The demo's small model: the released architecture (spec §2–4) at a size that runs the whole pipeline in seconds on
 * two cores, with {@link org.sculpt4d.nn.SeededWeights} until trained small weights exist. Its shapes are not the
 * object's: random weights show every stage (conditioning, the 4D mask, shared noise, sampling, decoding, marching
 * cubes, exports), not what a trained model would make of the pictures.
 */
public final class DemoModel {
    /** Latent tokens per frame. */
    public static final int TOKENS = 256;

    /**
     * Mask blocks of 16 tokens: the default 88 is tuned to N = 4096 (MaskSettings); at N = 256 it would leave three
     * blocks per frame and little to skip.
     */
    public static final int BLOCK_SIZE = 16;

    private DemoModel() {
    }

    /** DINOv2 with hidden 64, 2 layers, 4 heads, patch 14, at 224² (16² patches + CLS = 257 tokens). */
    public static DinoConfig conditioner() {
        return new DinoConfig(64, 2, 4, 4, 14, 224, 1e-6, true, 224, true);
    }

    /** DiT with hidden 64, 4 heads, depth 4 (one long skip), the last block MoE (4 experts, top 2), RMS qk-norm. */
    public static DitConfig dit() {
        return new DitConfig(TOKENS, 64, 64, 64, 4, 4, true, DitConfig.QkNormType.RMS, false, 1, 4, 2);
    }

    /** VAE decode path with width 64, 4 heads, 2 decoder layers, 2 frequencies (with π: one period across the box), embed_dim 64. */
    public static ShapeVaeConfig vae() {
        ShapeVaeConfig r = ShapeVaeConfig.released();
        return new ShapeVaeConfig(TOKENS, 64, 2, true, 4, 64, 1, 2, r.qkvBias(), r.qkNorm(), r.pointFeats(),
                r.pcSize(), r.pcSharpedgeSize(), r.geoDecoderMlpExpandRatio(), r.geoDecoderLnPost(), r.downsampleRatio(),
                r.scaleFactor());
    }

    /** The small model with weights drawn from {@code seed}. */
    public static ShapeModels seeded(long seed) {
        return ShapeModels.seeded(conditioner(), dit(), vae(), seed);
    }
}
