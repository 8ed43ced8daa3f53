package org.sculpt4d.mask4d;

import java.util.Arrays;
import org.sculpt4d.geometry.render.RgbaImage;
import org.sculpt4d.tensor.BlockMask;

/**
 * A picture of a compiled block mask over a {@link FrameLayout}: query blocks down, key blocks across, each block a
 * square of {@code cell} pixels, kept blocks dark, dropped ones light, and a one-pixel coloured line before every
 * frame after the first (in both directions) marking the frame boundaries.
 */
public final class MaskPicture {
    /** Colour of a kept block. */
    public static final int KEPT = 0xFF202020;
    /** Colour of a dropped block. */
    public static final int DROPPED = 0xFFF0F0F0;
    /** Colour of a frame-boundary line. */
    public static final int BOUNDARY = 0xFFE03030;

    private final FrameLayout layout;
    private final int cell;

    /** A picture of masks over {@code layout} with blocks of {@code cell} × {@code cell} pixels. */
    public MaskPicture(FrameLayout layout, int cell) {
        if (cell < 1) throw new IllegalArgumentException("cell size must be at least 1 pixel, got " + cell);
        this.layout = layout;
        this.cell = cell;
    }

    /** A cell size giving a picture of about {@code pixels} pixels a side (at least 1 pixel a block). */
    public static int cellFor(FrameLayout layout, int pixels) {
        return Math.max(1, pixels / layout.blocks());
    }

    /** Pixels a side. */
    public int size() {
        return layout.blocks() * cell + layout.frames() - 1;
    }

    /** The first pixel (column or row) of block {@code b}: its cells plus one line per frame boundary before it. */
    public int origin(int b) {
        return b * cell + layout.blockFrame(b);
    }

    /** Draws {@code mask}, which must be compiled over this picture's layout. */
    public RgbaImage draw(BlockMask mask) {
        if (mask.queryBlocks() != layout.blocks() || mask.keyBlocks() != layout.blocks()) {
            throw new IllegalArgumentException("mask of " + mask.queryBlocks() + "×" + mask.keyBlocks()
                    + " blocks for a layout of " + layout.blocks());
        }
        int size = size();
        int[] argb = new int[size * size];
        Arrays.fill(argb, BOUNDARY);
        for (int qb = 0; qb < layout.blocks(); qb++) {
            for (int kb = 0; kb < layout.blocks(); kb++) {
                int colour = mask.isKept(qb, kb) ? KEPT : DROPPED;
                for (int y = origin(qb); y < origin(qb) + cell; y++) {
                    Arrays.fill(argb, y * size + origin(kb), y * size + origin(kb) + cell, colour);
                }
            }
        }
        return new RgbaImage(size, size, argb);
    }
}
