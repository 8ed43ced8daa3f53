package org.sculpt4d.mask4d;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The named masks of sculpt4d-method.md §2: the method's mask and its ablations. */
public enum Mask4DPreset {
    /** Intra-frame + first-frame anchor (row and column as set) + time-decaying diagonal: the default. */
    SCULPT4D("sculpt4d"),
    /** The sculpt4d mask without the anchor. */
    NO_SINK("no-sink"),
    /** Frames at distance Δ mod s = 0 fully kept, plus the anchor. */
    FIXED_STRIDE("fixed-stride"),
    /** Only the same position in every frame (factorised temporal attention); see {@link SamePosition}. */
    TEMPORAL_ONLY("temporal-only"),
    /** Dense attention. */
    FULL("full");

    private final String id;

    Mask4DPreset(String id) {
        this.id = id;
    }

    /** The preset's name on the command line. */
    public String id() {
        return id;
    }

    /** The mask with the parameters of {@code s}. */
    public FrameMask mask(MaskSettings s) {
        FirstFrameAnchor anchor = new FirstFrameAnchor(s.anchorRow(), s.anchorColumn());
        return switch (this) {
            case SCULPT4D -> new MaskUnion(new IntraFrame(), anchor, new TimeDecayingDiagonal(s.halfLife()));
            case NO_SINK -> new MaskUnion(new IntraFrame(), new TimeDecayingDiagonal(s.halfLife()));
            case FIXED_STRIDE -> new MaskUnion(new FixedStride(s.stride()), anchor);
            case TEMPORAL_ONLY -> new SamePosition();
            case FULL -> new FullAttention();
        };
    }

    /**
     * The fraction of token pairs the attention kernel computes: the block density for a block-sparse mask, the
     * token density for a position-aligned one (it has its own kernel, which computes exactly the kept pairs).
     */
    public double computedDensity(MaskSettings s, int frames, int tokensPerFrame) {
        FrameLayout layout = s.layout(frames, tokensPerFrame);
        FrameMask m = mask(s);
        return m.positionAligned(layout) ? m.density(layout) : m.blockDensity(layout);
    }

    /** The preset named {@code name}, e.g. {@code sculpt4d} or {@code no-sink}. */
    public static Mask4DPreset parse(String name) {
        for (Mask4DPreset p : values()) if (p.id.equals(name.trim().toLowerCase(Locale.ROOT))) return p;
        throw new IllegalArgumentException("mask preset '" + name + "' is not one of: "
                + Arrays.stream(values()).map(Mask4DPreset::id).collect(Collectors.joining(", ")));
    }
}
