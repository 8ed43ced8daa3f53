package org.sculpt4d.mask4d;

import java.util.List;

/** The union of masks (sculpt4d-method.md §2: the mask "is a union of" its components): per frame pair the widest band. */
public record MaskUnion(List<FrameMask> parts) implements FrameMask {
    public MaskUnion(FrameMask... parts) {
        this(List.of(parts));
    }

    public MaskUnion {
        parts = List.copyOf(parts);
    }

    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        int band = NONE;
        for (FrameMask m : parts) band = Math.max(band, m.band(layout, queryFrame, keyFrame));
        return band;
    }
}
