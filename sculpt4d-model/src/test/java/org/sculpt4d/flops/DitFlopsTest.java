package org.sculpt4d.flops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.flops.DitFlops.Component;

class DitFlopsTest {
    /** d 4, context 5 tokens × 6, depth 5 (blocks 3, 4 are MoE and take skips), 4 experts top-2, 2 latent channels. */
    private static final DitFlops.Dims TINY = new DitFlops.Dims(4, 6, 5, 5, 2, 4, 2, 2);

    /** FLOPs of {@code [m, k] × [k, n]}: m·n dot products of length k, a multiply and an add each. */
    private static long matmul(long m, long k, long n) {
        return 2 * m * k * n;
    }

    /**
     * The tiny config's forward counted operation by operation from the block structure of spec §3.2–3.5, with the
     * self-attention cost counted pair by pair over a concrete random mask (4·d per kept query-key pair: the score
     * dot product and the weighted sum of the value).
     */
    @Test
    void tinyConfigMatchesAnOperationByOperationCount() {
        int t = 2, n = 3, l = t * n, d = 4, s = 5, dc = 6, c = 2, experts = 4, topK = 2;
        boolean[][] mask = new boolean[l][l];
        SplittableRandom rnd = new SplittableRandom(5);
        long kept = 0;
        for (boolean[] row : mask) for (int j = 0; j < l; j++) if (row[j] = rnd.nextInt(3) > 0) kept++;
        long attention = 0;
        for (boolean[] row : mask) for (boolean k : row) if (k) attention += 2 * d + 2 * d;
        long selfProj = 4 * matmul(l, d, d);
        long cross = 2 * matmul(l, d, d) + t * (2 * matmul(s, dc, d) + matmul(n, d, s) + matmul(n, s, d));
        long mlp = matmul(l, d, 4 * d) + matmul(l, 4 * d, d);
        long moe = (topK + 1) * mlp + matmul(l, d, experts);
        long skip = matmul(l, 2 * d, d);
        long[] blocks = new long[5];
        for (int b = 0; b < 5; b++) blocks[b] = selfProj + attention + cross + (b >= 3 ? moe + skip : mlp);
        long outside = matmul(l, c, d) + matmul(l, d, c) + t * (matmul(1, d, 4 * d) + matmul(1, 4 * d, d));

        DitFlops f = new DitFlops(TINY, t, n, kept / (double) (l * l));
        long total = outside;
        for (int b = 0; b < 5; b++) {
            assertEquals(blocks[b], f.block(b), 1e-9, "block " + b);
            total += blocks[b];
        }
        assertEquals(total, f.forward(), 1e-9);
        assertEquals(attention * 5, f.perForward(Component.SELF_ATTENTION), 1e-9);
        assertEquals(2, f.count(Component.LONG_SKIP));
        assertEquals(3, f.count(Component.MLP));
    }

    /** Spec §3.2/§3.5 for the released DiT: MoE in blocks 15..20, long skips in blocks 11..20. */
    @Test
    void releasedDitHasSixMoeBlocksAndTenSkips() {
        DitFlops f = new DitFlops(DitFlops.Dims.released(), 1, 4096, 1);
        for (int b = 0; b < 21; b++) {
            assertEquals(b >= 15, f.has(b, Component.MOE_EXPERTS), "MoE " + b);
            assertEquals(b >= 11, f.has(b, Component.LONG_SKIP), "skip " + b);
        }
    }

    @Property(tries = 50)
    void linearInStepsAndDoubledByGuidance(@ForAll @IntRange(min = 0, max = 200) int a, @ForAll @IntRange(min = 0, max = 200) int b,
            @ForAll @DoubleRange(min = 0, max = 1) double rho, @ForAll @IntRange(min = 1, max = 64) int frames) {
        DitFlops f = new DitFlops(DitFlops.Dims.released(), frames, 4096, rho);
        assertEquals(f.generation(a, false) + f.generation(b, false), f.generation(a + b, false), 1e-12 * f.generation(a + b + 1, false));
        assertEquals(2 * f.generation(a, false), f.generation(a, true));
        assertEquals(0, f.generation(0, true));
    }

    /** Self-attention is the only density-dependent part: linear in ρ, zero at ρ = 0. */
    @Property(tries = 30)
    void onlySelfAttentionDependsOnTheDensity(@ForAll @DoubleRange(min = 0, max = 1) double rho) {
        DitFlops full = new DitFlops(DitFlops.Dims.released(), 32, 4096, 1), sparse = full.withDensity(rho);
        for (Component c : Component.values()) {
            double want = c == Component.SELF_ATTENTION ? rho * full.perForward(c) : full.perForward(c);
            assertEquals(want, sparse.perForward(c), 1e-9 * full.perForward(c), c.label());
        }
    }

    /**
     * The spec's figures for T = 32, N = 4096: one guided forward ≈ 3.45 PFLOPs, 100 forwards of {@code full} ≈ 344.6
     * PFLOPs (the formula gives 344.49), the {@code sculpt4d} preset saving 56 % of {@code full}.
     */
    @Test
    void paperSettingReproducesTheSpecsFigures() {
        DitFlops full = new DitFlops(DitFlops.Dims.released(), 32, 4096, 1);
        assertEquals(3.45, full.forward() / 1e15, 0.01);
        assertEquals(344.6, full.generation(50, true) / 1e15, 0.2);
        double sculpt = full.withDensity(MaskPreset.SCULPT4D.density(32, 4096)).generation(50, true);
        assertEquals(0.56, 1 - sculpt / full.generation(50, true), 0.005);
    }

    /**
     * Temporal-only attention costs 4·T²·N·d: each of the T·N queries sees T keys. The mask's density 1/(N+1) counts
     * the time tokens too, which DitFlops does not: a relative difference of 1/(N+1).
     */
    @Test
    void temporalOnlyAttentionIsItsOwnCost() {
        int t = 32, n = 4096, d = 2048;
        DitFlops f = new DitFlops(DitFlops.Dims.released(), t, n, MaskPreset.TEMPORAL_ONLY.density(t, n));
        double want = 4.0 * t * t * n * d;
        assertEquals(want, f.perBlock(Component.SELF_ATTENTION), want / n);
    }

    @Test
    void presetsParseAndBadInputIsRejected() {
        assertEquals(MaskPreset.NO_SINK, MaskPreset.parse("No-Sink"));
        // 304 of the 32² frame pairs: 32·8 at Δ mod 4 = 0, 24 more in the anchor's row and 24 in its column
        assertEquals(304.0 / 1024, MaskPreset.parse("fixed-stride").density(32, 4096), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MaskPreset.parse("dense"));
        assertThrows(IllegalArgumentException.class, () -> new DitFlops(TINY, 1, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new DitFlops(TINY, 0, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DitFlops.Dims(4, 6, 5, 5, 6, 4, 2, 2));
    }
}
