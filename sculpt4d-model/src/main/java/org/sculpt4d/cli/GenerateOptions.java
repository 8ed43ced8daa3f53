package org.sculpt4d.cli;

import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.pipeline.GenerateSettings;
import org.sculpt4d.pipeline.ShapeExtraction;
import org.sculpt4d.sampler.InitialNoise;
import picocli.CommandLine.Option;

/** The options of a generation shared by {@code generate} and {@code demo}; defaults are upstream's. */
final class GenerateOptions {
    @Option(names = "--steps", defaultValue = "50", description = "Flow-matching Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--guidance", defaultValue = "5.0",
            description = "Classifier-free guidance scale; negative runs the conditional branch alone (default: ${DEFAULT-VALUE}).")
    float guidance;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the initial noise, as torch.randn (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mask", defaultValue = "sculpt4d", paramLabel = "PRESET",
            description = "sculpt4d, no-sink, fixed-stride, temporal-only or full (default: ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--noise", defaultValue = "shared",
            description = "shared (one noise vector for every frame) or independent (default: ${DEFAULT-VALUE}).")
    String noise;

    @Option(names = "--octree-resolution", defaultValue = "256", paramLabel = "R",
            description = "Grid cells per axis of the marching-cubes volume (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--coarse-to-fine", description = "Evaluate the geometry decoder only near the surface (same mesh where "
            + "no surface hides between coarse samples).")
    boolean coarseToFine;

    @Option(names = "--hunyuan-compat", description = "Upstream's index→world mapping ÷(R+1) instead of the correct ÷R.")
    boolean hunyuanCompat;

    @Option(names = "--skip-zero-step", description = "Skip the last, zero-size Euler step (upstream evaluates it).")
    boolean skipZeroStep;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    GenerateSettings settings() {
        if (resolution < 2) throw new IllegalArgumentException("--octree-resolution must be at least 2, got " + resolution);
        ShapeExtraction d = ShapeExtraction.defaults();
        return new GenerateSettings(steps, guidance, seed, Mask4DPreset.parse(mask), MaskSettings.DEFAULT,
                InitialNoise.parse(noise), skipZeroStep,
                new ShapeExtraction(d.bounds(), resolution, d.level(), coarseToFine, hunyuanCompat), quiet);
    }
}
