package org.sculpt4d.mask4d;

/**
 * The first-frame anchor, the "attention sink" (sculpt4d-method.md §2.2): the column keeps frame 0 as keys for every
 * frame ("all frames see frame 0"); the row lets frame 0 attend every frame. [choice: both, each switchable]
 */
public record FirstFrameAnchor(boolean row, boolean column) implements FrameMask {
    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        return (column && keyFrame == 0) || (row && queryFrame == 0) ? FULL : NONE;
    }
}
