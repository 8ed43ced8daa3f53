package org.sculpt4d.mask4d;

/** Intra-frame attention (sculpt4d-method.md §2.1): every token attends every token of its own frame, as in 3D. */
public record IntraFrame() implements FrameMask {
    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        return queryFrame == keyFrame ? FULL : NONE;
    }
}
