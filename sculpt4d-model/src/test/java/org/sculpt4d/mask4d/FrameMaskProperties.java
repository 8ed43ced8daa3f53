package org.sculpt4d.mask4d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.BlockMask;

/** Invariants of the 4D masks on small layouts, checked token by token against brute-force counts. */
class FrameMaskProperties {

    private static FrameMask mask(Mask4DPreset preset, double halfLife, boolean row, boolean column) {
        return preset.mask(new MaskSettings(1, halfLife, 4, row, column));
    }

    @Property(tries = 60)
    void tokenDensityIsTheFractionOfAttendedPairs(@ForAll Mask4DPreset preset, @ForAll @IntRange(min = 1, max = 6) int frames,
                                                  @ForAll @IntRange(min = 1, max = 20) int tokens,
                                                  @ForAll @IntRange(min = 1, max = 7) int block,
                                                  @ForAll @DoubleRange(min = 0.3, max = 8) double halfLife,
                                                  @ForAll boolean row, @ForAll boolean column) {
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        FrameMask m = mask(preset, halfLife, row, column);
        int n = layout.sequenceLength();
        long kept = 0;
        for (int q = 0; q < n; q++) for (int k = 0; k < n; k++) if (m.attends(layout, q, k)) kept++;
        assertEquals((double) kept / ((double) n * n), m.density(layout), 1e-12);
    }

    /**
     * The compiled mask keeps exactly the blocks holding an attended pair: it covers every attended pair, each kept
     * block has one, and its density is therefore at least the token density.
     */
    @Property(tries = 60)
    void compiledBlocksAreTheBlocksOfAttendedPairs(@ForAll Mask4DPreset preset, @ForAll @IntRange(min = 1, max = 5) int frames,
                                                  @ForAll @IntRange(min = 1, max = 20) int tokens,
                                                  @ForAll @IntRange(min = 1, max = 7) int block,
                                                  @ForAll @DoubleRange(min = 0.3, max = 8) double halfLife,
                                                  @ForAll boolean row, @ForAll boolean column) {
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        FrameMask m = mask(preset, halfLife, row, column);
        BlockMask compiled = m.compile(layout);
        int n = layout.sequenceLength();
        assertEquals(n, compiled.queryCount());
        boolean[][] hasPair = new boolean[compiled.queryBlocks()][compiled.keyBlocks()];
        int[] blockOf = new int[n];
        for (int b = 0; b < compiled.queryBlocks(); b++) {
            for (int i = compiled.queryStart(b); i < compiled.queryStart(b + 1); i++) blockOf[i] = b;
        }
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                if (!m.attends(layout, q, k)) continue;
                assertTrue(compiled.attends(q, k), "attended pair " + q + "," + k + " outside the kept blocks");
                hasPair[blockOf[q]][blockOf[k]] = true;
                assertEquals(layout.frameOf(q), layout.blockFrame(blockOf[q]), "blocks stay inside frames");
            }
        }
        for (int qb = 0; qb < compiled.queryBlocks(); qb++) {
            for (int kb = 0; kb < compiled.keyBlocks(); kb++) assertEquals(hasPair[qb][kb], compiled.isKept(qb, kb));
        }
        assertTrue(compiled.density() >= m.density(layout) - 1e-12);
    }

    /** With both or neither anchor direction every preset is symmetric, at token and at block level. */
    @Property(tries = 40)
    void symmetricMasksAreSymmetric(@ForAll Mask4DPreset preset, @ForAll @IntRange(min = 1, max = 6) int frames,
                                    @ForAll @IntRange(min = 1, max = 16) int tokens, @ForAll @IntRange(min = 1, max = 6) int block,
                                    @ForAll @DoubleRange(min = 0.3, max = 8) double halfLife, @ForAll boolean anchor) {
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        FrameMask m = mask(preset, halfLife, anchor, anchor);
        int n = layout.sequenceLength();
        for (int q = 0; q < n; q++) for (int k = 0; k < q; k++) assertEquals(m.attends(layout, q, k), m.attends(layout, k, q));
        for (int a = 0; a < layout.blocks(); a++) {
            for (int b = 0; b < a; b++) assertEquals(m.keepsBlock(layout, a, b), m.keepsBlock(layout, b, a));
        }
    }

    @Property(tries = 40)
    void densityDoesNotGrowAsTheHalfLifeShrinks(@ForAll @IntRange(min = 2, max = 12) int frames,
                                               @ForAll @IntRange(min = 1, max = 300) int tokens,
                                               @ForAll @IntRange(min = 1, max = 64) int block,
                                               @ForAll @DoubleRange(min = 0.2, max = 10) double h1,
                                               @ForAll @DoubleRange(min = 0.2, max = 10) double h2, @ForAll boolean anchor) {
        double shorter = Math.min(h1, h2), longer = Math.max(h1, h2);
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        for (Mask4DPreset p : new Mask4DPreset[] {Mask4DPreset.SCULPT4D, Mask4DPreset.NO_SINK}) {
            FrameMask a = mask(p, shorter, anchor, anchor), b = mask(p, longer, anchor, anchor);
            assertTrue(a.density(layout) <= b.density(layout), "token density");
            assertTrue(a.blockDensity(layout) <= b.blockDensity(layout), "block density");
        }
    }

    /** Intra-frame pairs are kept by every preset but temporal-only; the anchor's column (and row) by every preset that has it. */
    @Property(tries = 40)
    void intraFrameAndAnchorPairsAreAlwaysKept(@ForAll Mask4DPreset preset, @ForAll @IntRange(min = 1, max = 6) int frames,
                                               @ForAll @IntRange(min = 1, max = 12) int tokens,
                                               @ForAll @DoubleRange(min = 0.2, max = 8) double halfLife,
                                               @ForAll boolean row, @ForAll boolean column) {
        FrameLayout layout = new FrameLayout(frames, tokens, 3);
        FrameMask m = mask(preset, halfLife, row, column);
        boolean intra = preset != Mask4DPreset.TEMPORAL_ONLY;
        boolean anchored = preset == Mask4DPreset.SCULPT4D || preset == Mask4DPreset.FIXED_STRIDE || preset == Mask4DPreset.FULL;
        int n = layout.sequenceLength();
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                int fq = layout.frameOf(q), fk = layout.frameOf(k);
                if (intra && fq == fk) assertTrue(m.attends(layout, q, k), "intra-frame " + q + "," + k);
                if (anchored && column && fk == 0) assertTrue(m.attends(layout, q, k), "anchor column " + q + "," + k);
                if (anchored && row && fq == 0) assertTrue(m.attends(layout, q, k), "anchor row " + q + "," + k);
            }
        }
    }

    @Property(tries = 20)
    void fullKeepsEverything(@ForAll @IntRange(min = 1, max = 8) int frames, @ForAll @IntRange(min = 1, max = 200) int tokens,
                             @ForAll @IntRange(min = 1, max = 64) int block) {
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        FrameMask full = Mask4DPreset.FULL.mask(MaskSettings.DEFAULT);
        assertEquals(1.0, full.density(layout));
        assertEquals(1.0, full.blockDensity(layout));
    }

    /** Blocks: a frame's first block holds its time token; boundaries tile the sequence frame by frame. */
    @Property(tries = 40)
    void blocksTileEachFrame(@ForAll @IntRange(min = 1, max = 6) int frames, @ForAll @IntRange(min = 1, max = 40) int tokens,
                             @ForAll @IntRange(min = 1, max = 50) int block) {
        FrameLayout layout = new FrameLayout(frames, tokens, block);
        int[] s = layout.blockStarts();
        assertEquals(layout.blocks() + 1, s.length);
        for (int b = 0; b < layout.blocks(); b++) {
            int first = layout.blockFrame(b) * layout.frameLength();
            assertEquals(first + layout.blockFirstPosition(b), s[b]);
            assertEquals(first + layout.blockLastPosition(b) + 1, s[b + 1], "block " + b + " ends where the next starts");
            int size = s[b + 1] - s[b];
            boolean firstOfFrame = b % layout.blocksPerFrame() == 0;
            assertTrue(size <= block + (firstOfFrame ? 1 : 0) && size >= 1);
            if (firstOfFrame) assertEquals(0, layout.positionOf(s[b]), "a frame's first block starts at its time token");
        }
    }
}
