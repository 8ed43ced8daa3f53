package org.sculpt4d.flops;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The self-attention mask presets of sculpt4d-method.md §2 with the paper's ablation PFLOPs (whole generation) and
 * the mask densities that reproduce them ({@code 60.2 + ρ·365.5}).
 *
 * <p><b>Provisional densities:</b> these are the values fitted to the published figures, not measured on masks.
 * Replace them with each mask object's own density (package {@code org.sculpt4d.mask4d}) once it exists; until then
 * {@code sculpt4d flops --density} overrides them.
 */
public enum MaskPreset {
    FULL("full", 1.0, 425.7),
    SCULPT4D("sculpt4d", 0.345, 186.3),
    NO_SINK("no-sink", 0.300, 169.8),
    FIXED_STRIDE("fixed-stride", 0.2925, 167.1),
    /** Each token attends the same token index in every frame: T keys of T·N, i.e. density 1/N. */
    TEMPORAL_ONLY("temporal-only", Double.NaN, 60.2);

    /** The setting the paper's figures belong to (inferred in the spec: 32 frames × 4096 tokens, 50 guided steps). */
    public static final int PAPER_FRAMES = 32;
    public static final int PAPER_TOKENS = 4096;
    public static final int PAPER_STEPS = 50;

    private final String id;
    private final double fittedDensity;
    private final double paperPflops;

    MaskPreset(String id, double fittedDensity, double paperPflops) {
        this.id = id;
        this.fittedDensity = fittedDensity;
        this.paperPflops = paperPflops;
    }

    /** The preset's name on the command line. */
    public String id() {
        return id;
    }

    /** The density for a sequence of {@code tokensPerFrame} tokens per frame (only temporal-only depends on it). */
    public double density(int tokensPerFrame) {
        return this == TEMPORAL_ONLY ? 1.0 / tokensPerFrame : fittedDensity;
    }

    /** The paper's whole-generation PFLOPs for this ablation. */
    public double paperPflops() {
        return paperPflops;
    }

    /** The preset named {@code name}, e.g. {@code sculpt4d} or {@code no-sink}. */
    public static MaskPreset parse(String name) {
        for (MaskPreset p : values()) if (p.id.equals(name.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("mask '" + name + "' is not one of: "
                + Arrays.stream(values()).map(MaskPreset::id).collect(Collectors.joining(", ")));
    }
}
