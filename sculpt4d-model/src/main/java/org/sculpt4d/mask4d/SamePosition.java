package org.sculpt4d.mask4d;

/**
 * Factorised temporal attention, the {@code temporal-only} ablation (sculpt4d-method.md §2): every token attends
 * only the token at the same position of every frame, its own frame included. The time token is position 0, so a
 * frame's time token attends the time tokens of all frames and no latent token; latent token n attends latent token
 * n of every frame and no time token.
 */
public record SamePosition() implements FrameMask {
    @Override
    public int band(FrameLayout layout, int queryFrame, int keyFrame) {
        return 0;
    }
}
