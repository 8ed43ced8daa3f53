package org.sculpt4d.pipeline;

import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.sampler.InitialNoise;

/**
 * What {@link Sculpt4DPipeline} is asked to do, besides its models and inputs.
 *
 * @param steps         flow-matching Euler steps (upstream default 50, spec §5.3)
 * @param guidance      classifier-free guidance scale (upstream default 5.0; negative: conditional branch alone)
 * @param seed          seed of the initial noise, drawn as {@code torch.randn} of the same seed
 * @param mask          the self-attention mask across frames (sculpt4d-method.md §2)
 * @param maskSettings  block size, half-life, stride, anchor switches
 * @param noise         one noise vector shared by every frame (the method, §3) or one per frame (the ablation)
 * @param skipZeroSteps skip the last, zero-size Euler step (upstream evaluates it; off for parity)
 * @param extraction    latents → mesh: the query box, resolution, level, dense or coarse-to-fine, world mapping
 * @param quiet         no progress bars
 */
public record GenerateSettings(int steps, float guidance, long seed, Mask4DPreset mask, MaskSettings maskSettings,
                               InitialNoise noise, boolean skipZeroSteps, ShapeExtraction extraction, boolean quiet) {
    public GenerateSettings {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }

    /** Upstream's defaults (50 steps, guidance 5, R = 256) with the sculpt4d mask and shared noise. */
    public static GenerateSettings defaults() {
        return new GenerateSettings(50, 5.0f, 0, Mask4DPreset.SCULPT4D, MaskSettings.DEFAULT, InitialNoise.SHARED, false,
                ShapeExtraction.defaults(), false);
    }

    public GenerateSettings withSteps(int s) {
        return new GenerateSettings(s, guidance, seed, mask, maskSettings, noise, skipZeroSteps, extraction, quiet);
    }

    public GenerateSettings withMask(Mask4DPreset m) {
        return new GenerateSettings(steps, guidance, seed, m, maskSettings, noise, skipZeroSteps, extraction, quiet);
    }

    public GenerateSettings withMaskSettings(MaskSettings m) {
        return new GenerateSettings(steps, guidance, seed, mask, m, noise, skipZeroSteps, extraction, quiet);
    }

    public GenerateSettings withSeed(long s) {
        return new GenerateSettings(steps, guidance, s, mask, maskSettings, noise, skipZeroSteps, extraction, quiet);
    }

    public GenerateSettings withExtraction(ShapeExtraction e) {
        return new GenerateSettings(steps, guidance, seed, mask, maskSettings, noise, skipZeroSteps, e, quiet);
    }

    public GenerateSettings withQuiet(boolean q) {
        return new GenerateSettings(steps, guidance, seed, mask, maskSettings, noise, skipZeroSteps, extraction, q);
    }
}
