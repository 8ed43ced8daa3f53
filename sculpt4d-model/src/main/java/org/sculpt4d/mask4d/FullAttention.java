package org.sculpt4d.mask4d;

/** Dense attention over the whole sequence, the {@code full} ablation (sculpt4d-method.md §2). */
public record FullAttention() implements FrameMask {
    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        return FULL;
    }
}
