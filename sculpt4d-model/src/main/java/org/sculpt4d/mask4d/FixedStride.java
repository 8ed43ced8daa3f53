package org.sculpt4d.mask4d;

/** The fixed-stride ablation's temporal part (sculpt4d-method.md §2): frames at distance Δ with Δ mod s = 0 fully kept (Δ = 0 included). */
public record FixedStride(int stride) implements FrameMask {
    public FixedStride {
        if (stride < 1) throw new IllegalArgumentException("stride must be at least 1, got " + stride);
    }

    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        return Math.abs(queryFrame - keyFrame) % stride == 0 ? FULL : NONE;
    }
}
