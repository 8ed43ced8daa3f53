package org.sculpt4d.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlockMaskProperties {

    /** Random strictly increasing boundaries over n tokens. */
    static int[] randomStarts(SplittableRandom r, int n) {
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>(java.util.List.of(0, n));
        int extra = r.nextInt(Math.min(n, 6));
        for (int i = 0; i < extra; i++) cuts.add(1 + r.nextInt(n - 1 > 0 ? n - 1 : 1));
        cuts.removeIf(c -> c > n);
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 60)
    void densityCountsTheTokenPairsOfKeptTiles(@ForAll @IntRange(min = 1, max = 40) int nq, @ForAll @IntRange(min = 1, max = 40) int nk,
                                                @ForAll @IntRange(min = 0, max = 9999) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] qs = randomStarts(r, nq), ks = randomStarts(r, nk);
        boolean[][] kept = new boolean[qs.length - 1][ks.length - 1];
        for (boolean[] row : kept) for (int j = 0; j < row.length; j++) row[j] = r.nextBoolean();
        BlockMask m = BlockMask.fromTiles(qs, ks, kept);
        long pairs = 0;
        for (int q = 0; q < nq; q++) for (int k = 0; k < nk; k++) if (m.attends(q, k)) pairs++;
        assertEquals(pairs, m.keptPairs());
        assertEquals((double) pairs / (nq * nk), m.density(), 1e-12);
        long tiles = 0;
        for (boolean[] row : kept) for (boolean b : row) if (b) tiles++;
        assertEquals(tiles, m.keptTiles());
    }

    @Property(tries = 30)
    void fullMaskHasDensityOne(@ForAll @IntRange(min = 1, max = 100) int n, @ForAll @IntRange(min = 1, max = 33) int block) {
        int[] s = BlockMask.uniformStarts(n, block);
        assertEquals(1.0, BlockMask.full(s, s).density(), 0.0);
        assertEquals(n, s[s.length - 1]);
    }

    @Test
    void rejectsMalformedMasks() {
        int[] s = {0, 2, 4};
        assertThrows(IllegalArgumentException.class, () -> new BlockMask(new int[] {1, 4}, s, new int[][] {{0}}));
        assertThrows(IllegalArgumentException.class, () -> new BlockMask(new int[] {0, 2, 2}, s, new int[][] {{0}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new BlockMask(s, s, new int[][] {{0, 2}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new BlockMask(s, s, new int[][] {{0, 0}, {1}}));
        assertThrows(IllegalArgumentException.class, () -> new BlockMask(s, s, new int[][] {{0}}));
    }
}
