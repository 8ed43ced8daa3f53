package org.sculpt4d.mask4d;

import org.sculpt4d.tensor.BlockMask;

/**
 * A self-attention mask of the 4D DiT (sculpt4d-method.md §2) over a {@link FrameLayout}. Every mask of the method is
 * a <i>band</i> per pair of frames: query token at position p of frame i attends key token at position p' of frame j
 * exactly when {@code |p − p'| ≤ band(i, j)}, where the band is {@link #NONE} (nothing), a half-width ≥ 0 (0: only
 * the same position, e.g. time token to time token), or {@link #FULL} (the whole frame pair). Unions of masks are
 * then the largest band, and densities have closed forms.
 *
 * <p>At block level a block pair is kept when any of its token pairs is, so the compiled {@link BlockMask} keeps a
 * superset of the token-level mask; its density is what the kernel's work is proportional to.
 */
public interface FrameMask {
    /** No token pair of the frame pair. */
    int NONE = -1;
    /** Every token pair of the frame pair. */
    int FULL = Integer.MAX_VALUE;

    /** The band half-width (in positions) of query frame {@code i} and key frame {@code j}, or {@link #NONE}/{@link #FULL}. */
    int band(FrameLayout layout, int queryFrame, int keyFrame);

    /** Whether only same-position pairs are ever kept (band ≤ 0 everywhere): attention then factorises over positions. */
    default boolean positionAligned(FrameLayout layout) {
        for (int i = 0; i < layout.frames(); i++) {
            for (int j = 0; j < layout.frames(); j++) if (band(layout, i, j) > 0) return false;
        }
        return true;
    }

    /** Whether sequence token {@code q} attends sequence token {@code k} (token level). */
    default boolean attends(FrameLayout layout, int q, int k) {
        int band = band(layout, layout.frameOf(q), layout.frameOf(k));
        return band != NONE && Math.abs(layout.positionOf(q) - layout.positionOf(k)) <= (long) band;
    }

    /** Whether the block pair is kept: some token pair of it is attended. */
    default boolean keepsBlock(FrameLayout layout, int queryBlock, int keyBlock) {
        int band = band(layout, layout.blockFrame(queryBlock), layout.blockFrame(keyBlock));
        if (band == NONE) return false;
        // the smallest |p − p'| between the two position ranges
        int gap = Math.max(0, Math.max(layout.blockFirstPosition(keyBlock) - layout.blockLastPosition(queryBlock),
                layout.blockFirstPosition(queryBlock) - layout.blockLastPosition(keyBlock)));
        return gap <= band;
    }

    /** Fraction of the {@code (T·(N+1))²} token pairs that are attended. */
    default double density(FrameLayout layout) {
        long p = layout.frameLength();
        double kept = 0;
        for (int i = 0; i < layout.frames(); i++) {
            for (int j = 0; j < layout.frames(); j++) {
                long w = band(layout, i, j);
                if (w == NONE) continue;
                // pairs with |p − p'| ≤ w among p, p' ∈ [0, P): P(2w + 1) − w(w + 1) while w < P
                kept += w >= p - 1 ? p * p : p * (2 * w + 1) - w * (w + 1);
            }
        }
        double n = layout.sequenceLength();
        return kept / (n * n);
    }

    /** The block-sparse form over the layout's blocks, query and key blocks alike. */
    default BlockMask compile(FrameLayout layout) {
        int nb = layout.blocks();
        boolean[][] kept = new boolean[nb][nb];
        for (int qb = 0; qb < nb; qb++) {
            for (int kb = 0; kb < nb; kb++) kept[qb][kb] = keepsBlock(layout, qb, kb);
        }
        int[] starts = layout.blockStarts();
        return BlockMask.fromTiles(starts, starts, kept);
    }

    /** Fraction of the token pairs inside kept blocks: the work of the block-sparse kernel relative to dense. */
    default double blockDensity(FrameLayout layout) {
        return compile(layout).density();
    }

    /** The union: a token pair is kept when either mask keeps it. */
    default FrameMask or(FrameMask other) {
        return new MaskUnion(this, other);
    }
}
