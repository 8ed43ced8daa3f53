package org.sculpt4d.mask4d;

/**
 * The temporal sparse, time-decaying diagonal (sculpt4d-method.md §2.3): between two different frames at distance
 * Δ, position p attends position p' when {@code |p − p'| ≤ w(Δ)}. [choice] The band covers the fraction
 * {@code d(Δ) = 2^(−Δ/h)} of a frame's width, i.e. the half-width is {@code w(Δ) = ⌊d(Δ)·N/2⌋} positions; h is the
 * half-life in frames (default 4, {@link MaskSettings}).
 */
public record TimeDecayingDiagonal(double halfLife) implements FrameMask {
    public TimeDecayingDiagonal {
        if (!(halfLife > 0)) throw new IllegalArgumentException("diagonal half-life must be positive, got " + halfLife);
    }

    /** The band fraction {@code d(Δ) = 2^(−Δ/h)}. */
    public double fraction(int distance) {
        return Math.pow(2, -distance / halfLife);
    }

    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        int distance = Math.abs(queryFrame - keyFrame);
        if (distance == 0) return NONE;
        return (int) Math.floor(fraction(distance) * layout.tokensPerFrame() / 2);
    }
}
