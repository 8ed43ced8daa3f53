package org.sculpt4d.mask4d;

/**
 * The token layout of the 4D DiT (sculpt4d-method.md §1): one frame-major sequence of {@code T} frames, each the
 * frame's own time token followed by its {@code N} latent tokens, so frame t owns tokens
 * {@code [t·(N+1), (t+1)·(N+1))}. Within a frame a token has a <i>position</i> p ∈ [0, N]: 0 is the time token,
 * {@code 1 + n} is latent token n.
 *
 * <p>Blocks (the tiles of block-sparse attention, §2) never cross a frame boundary: each frame is cut into
 * {@code ceil(N / B)} blocks of B latent tokens (the last one may be shorter), and the frame's time token joins its
 * first block, which therefore holds {@code B + 1} tokens.
 */
public record FrameLayout(int frames, int tokensPerFrame, int blockSize) {
    public FrameLayout {
        if (frames < 1) throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        if (tokensPerFrame < 1) throw new IllegalArgumentException("tokens per frame must be at least 1, got " + tokensPerFrame);
        if (blockSize < 1) throw new IllegalArgumentException("block size must be at least 1, got " + blockSize);
    }

    /** Tokens of one frame, its time token included: {@code N + 1}. */
    public int frameLength() {
        return tokensPerFrame + 1;
    }

    /** Length of the whole sequence: {@code T·(N + 1)}. */
    public int sequenceLength() {
        return frames * frameLength();
    }

    /** The frame of sequence token {@code i}. */
    public int frameOf(int i) {
        return i / frameLength();
    }

    /** The position in its frame of sequence token {@code i} (0: the time token). */
    public int positionOf(int i) {
        return i % frameLength();
    }

    /** Blocks per frame: {@code ceil(N / B)}. */
    public int blocksPerFrame() {
        return (tokensPerFrame + blockSize - 1) / blockSize;
    }

    /** Blocks of the whole sequence. */
    public int blocks() {
        return frames * blocksPerFrame();
    }

    /** The frame of block {@code b}. */
    public int blockFrame(int b) {
        return b / blocksPerFrame();
    }

    /** First position (in its frame) of block {@code b}: 0 for a frame's first block, which holds the time token. */
    public int blockFirstPosition(int b) {
        int j = b % blocksPerFrame();
        return j == 0 ? 0 : 1 + j * blockSize;
    }

    /** Last position (inclusive) of block {@code b}. */
    public int blockLastPosition(int b) {
        int j = b % blocksPerFrame();
        return Math.min(tokensPerFrame, (j + 1) * blockSize);
    }

    /** Block boundaries over the sequence, {@code 0 = s[0] < ... < s[blocks()] = sequenceLength()}, for a BlockMask. */
    public int[] blockStarts() {
        int[] s = new int[blocks() + 1];
        for (int b = 0; b < blocks(); b++) s[b] = blockFrame(b) * frameLength() + blockFirstPosition(b);
        s[blocks()] = sequenceLength();
        return s;
    }
}
