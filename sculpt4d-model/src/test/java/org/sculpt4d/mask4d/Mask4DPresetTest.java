package org.sculpt4d.mask4d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The presets at the paper's setting (T = 32 frames × N = 4096 tokens, h = 4, sculpt4d-method.md §2) against the
 * spec's figures: the block-level densities ≈0.297 (no anchor) and ≈0.347 (row + column anchor), which are the
 * continuous values {@code (T + Σ 2(T−Δ)·2^(−Δ/4)) / T²} = 0.29695 and, with the anchor, 0.34722.
 */
class Mask4DPresetTest {
    private static final MaskSettings S = MaskSettings.DEFAULT;
    private static final FrameLayout PAPER = S.layout(32, 4096);

    @Test
    void defaultBlockSizeReproducesTheSpecDensities() {
        double sculpt = Mask4DPreset.SCULPT4D.mask(S).blockDensity(PAPER);
        double noSink = Mask4DPreset.NO_SINK.mask(S).blockDensity(PAPER);
        System.out.printf("T=32 N=4096 B=%d: sculpt4d %.4f, no-sink %.4f%n", S.blockSize(), sculpt, noSink);
        assertEquals(0.34722, sculpt, 0.001);
        assertEquals(0.29695, noSink, 0.001);
    }

    /** Fixed stride s = 4 with the anchor: of the 32² frame pairs, 32·8 with Δ mod 4 = 0 plus 2·24 anchor pairs = 304. */
    @Test
    void fixedStrideKeepsWholeFramePairs() {
        FrameMask m = Mask4DPreset.FIXED_STRIDE.mask(S);
        assertEquals(304.0 / 1024, m.density(PAPER), 1e-12);
        assertEquals(304.0 / 1024, m.blockDensity(PAPER), 1e-12);
    }

    /** Temporal-only: each of the T·(N+1) queries attends T keys. */
    @Test
    void temporalOnlyAttendsOneKeyPerFrame() {
        FrameMask m = Mask4DPreset.TEMPORAL_ONLY.mask(S);
        assertEquals(1.0 / 4097, m.density(PAPER), 1e-15);
        assertEquals(1.0 / 4097, Mask4DPreset.TEMPORAL_ONLY.computedDensity(S, 32, 4096), 1e-15);
    }

    @Test
    void badNamesAndSettingsAreRejected() {
        assertEquals(Mask4DPreset.NO_SINK, Mask4DPreset.parse(" No-Sink"));
        assertThrows(IllegalArgumentException.class, () -> Mask4DPreset.parse("dense"));
        assertThrows(IllegalArgumentException.class, () -> S.withBlockSize(0));
        assertThrows(IllegalArgumentException.class, () -> S.withHalfLife(0));
        assertThrows(IllegalArgumentException.class, () -> new FrameLayout(0, 4, 4));
    }
}
