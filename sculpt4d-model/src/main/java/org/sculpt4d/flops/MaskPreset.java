package org.sculpt4d.flops;

import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;

/**
 * The self-attention mask presets of sculpt4d-method.md §2 with the paper's ablation PFLOPs (whole generation), for
 * comparison with ours. The density of each is the mask object's own ({@link Mask4DPreset#computedDensity} with the
 * default {@link MaskSettings}): the fraction of token pairs the attention kernel computes. At the paper's setting
 * these are 0.3463 (sculpt4d), 0.2973 (no-sink), 0.2969 (fixed-stride), 1/4097 (temporal-only), where the spec's
 * fit {@code 60.2 + ρ·365.5} to the published figures gives 0.345, 0.300, 0.2925.
 */
public enum MaskPreset {
    FULL(Mask4DPreset.FULL, 425.7),
    SCULPT4D(Mask4DPreset.SCULPT4D, 186.3),
    NO_SINK(Mask4DPreset.NO_SINK, 169.8),
    FIXED_STRIDE(Mask4DPreset.FIXED_STRIDE, 167.1),
    TEMPORAL_ONLY(Mask4DPreset.TEMPORAL_ONLY, 60.2);

    /** The setting the paper's figures belong to (inferred in the spec: 32 frames × 4096 tokens, 50 guided steps). */
    public static final int PAPER_FRAMES = 32;
    public static final int PAPER_TOKENS = 4096;
    public static final int PAPER_STEPS = 50;

    private final Mask4DPreset mask;
    private final double paperPflops;

    MaskPreset(Mask4DPreset mask, double paperPflops) {
        this.mask = mask;
        this.paperPflops = paperPflops;
    }

    /** The preset's name on the command line. */
    public String id() {
        return mask.id();
    }

    /** The computed density of this mask for {@code frames} frames of {@code tokensPerFrame} latent tokens. */
    public double density(int frames, int tokensPerFrame) {
        return mask.computedDensity(MaskSettings.DEFAULT, frames, tokensPerFrame);
    }

    /** The paper's whole-generation PFLOPs for this ablation. */
    public double paperPflops() {
        return paperPflops;
    }

    /** The preset named {@code name}, e.g. {@code sculpt4d} or {@code no-sink}. */
    public static MaskPreset parse(String name) {
        return valueOf(Mask4DPreset.parse(name).name());
    }
}
