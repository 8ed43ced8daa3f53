package org.sculpt4d.mask4d;

/**
 * The mask parameters that sculpt4d-method.md §2 leaves open, each a [choice] of this project, chosen so that the
 * published densities are reproduced at the paper's setting (T = 32, N = 4096):
 *
 * @param blockSize    B, latent tokens per block (a frame's time token joins its first block). 88 is the size whose
 *                     block-level densities come closest to the spec's ≈0.297 (no-sink) and ≈0.347 (sculpt4d) at once:
 *                     0.2973 and 0.3463 (see {@code Mask4DPresetTest}); of the multiples of 4 from 8 to 160 it has the smallest
 *                     largest error (0.0009); 92 gives 0.2982/0.3472, 64 gives 0.2860/0.3358, 128 gives 0.3101/0.3580.
 * @param halfLife     h, frames over which the diagonal's band fraction halves: {@code d(Δ) = 2^(−Δ/h)}, default 4
 * @param stride       s of the fixed-stride ablation, default 4
 * @param anchorRow    frame 0 attends every frame (the anchor's row), default on
 * @param anchorColumn every frame attends frame 0 (the anchor's column), default on
 */
public record MaskSettings(int blockSize, double halfLife, int stride, boolean anchorRow, boolean anchorColumn) {
    /** The defaults named above. */
    public static final MaskSettings DEFAULT = new MaskSettings(88, 4, 4, true, true);

    public MaskSettings {
        if (blockSize < 1) throw new IllegalArgumentException("block size must be at least 1, got " + blockSize);
        if (!(halfLife > 0)) throw new IllegalArgumentException("half-life must be positive, got " + halfLife);
        if (stride < 1) throw new IllegalArgumentException("stride must be at least 1, got " + stride);
    }

    public MaskSettings withBlockSize(int b) {
        return new MaskSettings(b, halfLife, stride, anchorRow, anchorColumn);
    }

    public MaskSettings withHalfLife(double h) {
        return new MaskSettings(blockSize, h, stride, anchorRow, anchorColumn);
    }

    public MaskSettings withAnchor(boolean row, boolean column) {
        return new MaskSettings(blockSize, halfLife, stride, row, column);
    }

    /** The layout of {@code frames} frames of {@code tokensPerFrame} latent tokens with these blocks. */
    public FrameLayout layout(int frames, int tokensPerFrame) {
        return new FrameLayout(frames, tokensPerFrame, blockSize);
    }
}
