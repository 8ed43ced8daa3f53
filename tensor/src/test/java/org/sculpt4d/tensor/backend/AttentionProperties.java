package org.sculpt4d.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.vector.VectorBackend;
import org.sculpt4d.tensor.oracle.NaiveAttention;

/**
 * Both backends' attention, dense and block-sparse, against the double-precision {@link NaiveAttention} oracle, on
 * awkward sizes (1, primes, head dims that are not multiples of the vector length), padded row strides and nonzero
 * offsets, cross-attention ({@code nq ≠ nk}), and random block masks with unequal block boundaries and empty rows.
 *
 * <p>Tolerance: {@code |got − want| ≤ 1e-5 + 1e-4·|want|}. The outputs are convex combinations of V (|V| ≤ 1), so the
 * absolute part is relative to the V scale. Its budget: float32 dot products over ≤ 128 terms give score errors of
 * a few 1e-6 (scores reach ±40 here), a score error δ changes the weights by a factor e^δ, float32 exp (SVML or a
 * rounded double) adds about 1e-7, and the running sums over ≤ 200 keys and the rescalings add a few ulp each.
 * The largest error measured on these inputs while writing this was 8e-7 (both backends); a formula slip (wrong max,
 * missed rescale, a dropped or an extra key) costs at least 1e-3.
 */
class AttentionProperties {
    static final List<Backend> BACKENDS = TestedBackends.all();
    static final double ABS = 1e-5, REL = 1e-4;
    /** Written into O before each call: the padding columns between rows must keep it. */
    static final float SENTINEL = 12345.5f;

    @Provide
    Arbitrary<Integer> headDims() {
        return Arbitraries.of(1, 3, 8, 13, 16, 24, 64, 72, 128);
    }

    /** One attention problem: Q, K, V and O buffers with their offsets and strides. */
    record Case(int nq, int nk, int heads, int d, float scale,
                float[] q, int qOff, int ldq, float[] k, int kOff, int ldk, float[] v, int vOff, int ldv,
                int oOff, int ldo, int oLen) {

        static Case random(int nq, int nk, int heads, int d, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int w = heads * d;
            int qOff = r.nextInt(8), kOff = r.nextInt(8), vOff = r.nextInt(8), oOff = r.nextInt(8);
            int ldq = w + r.nextInt(6), ldk = w + r.nextInt(6), ldv = w + r.nextInt(6), ldo = w + r.nextInt(6);
            float[] q = fill(r, qOff + nq * ldq, 2f);
            float[] k = fill(r, kOff + nk * ldk, 2f);
            float[] v = fill(r, vOff + nk * ldv, 1f);
            return new Case(nq, nk, heads, d, (float) (1 / Math.sqrt(d)), q, qOff, ldq, k, kOff, ldk, v, vOff, ldv,
                    oOff, ldo, oOff + nq * ldo + 3);
        }

        float[] run(Backend be, BlockMask mask) {
            float[] o = new float[oLen];
            java.util.Arrays.fill(o, SENTINEL);
            be.attention(nq, nk, heads, d, scale, q, qOff, ldq, k, kOff, ldk, v, vOff, ldv, o, oOff, ldo, mask);
            return o;
        }

        double[][] oracle(BlockMask mask) {
            return NaiveAttention.attention(nq, nk, heads, d, scale, q, qOff, ldq, k, kOff, ldk, v, vOff, ldv, mask);
        }

        /** Checks O against the oracle and that nothing outside O's rows × heads·d columns was written. */
        void check(double[][] want, float[] got, String what) {
            int w = heads * d;
            for (int i = 0; i < nq; i++) {
                for (int j = 0; j < w; j++) {
                    double x = want[i][j], y = got[oOff + i * ldo + j];
                    if (!(Math.abs(x - y) <= ABS + REL * Math.abs(x))) {
                        fail(what + ": O[" + i + "][" + j + "] = " + y + ", want " + x + " (" + this.shape() + ")");
                    }
                }
            }
            for (int p = 0; p < got.length; p++) {
                int rel = p - oOff;
                boolean inside = rel >= 0 && rel < nq * ldo && rel % ldo < w;
                if (!inside && got[p] != SENTINEL) fail(what + ": wrote outside O at " + p + " (" + shape() + ")");
            }
        }

        String shape() {
            return "nq=" + nq + " nk=" + nk + " heads=" + heads + " d=" + d + " ldq=" + ldq + " ldk=" + ldk
                    + " ldv=" + ldv + " ldo=" + ldo;
        }
    }

    static float[] fill(SplittableRandom r, int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        return x;
    }

    /** Random strictly increasing boundaries {@code 0 < ... < n} with 1..maxBlocks blocks of unequal sizes. */
    static int[] randomStarts(SplittableRandom r, int n, int maxBlocks) {
        int nb = 1 + r.nextInt(Math.min(n, maxBlocks));
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        while (cuts.size() < nb - 1) cuts.add(1 + r.nextInt(n - 1));
        int[] s = new int[nb + 1];
        int i = 1;
        for (int c : cuts) s[i++] = c;
        s[nb] = n;
        return s;
    }

    /** A random mask over random boundaries: tiles kept with a random probability, some rows emptied. */
    static BlockMask randomMask(SplittableRandom r, int nq, int nk) {
        int[] qs = randomStarts(r, nq, 12);
        int[] ks = randomStarts(r, nk, 12);
        double p = new double[] {0.15, 0.5, 0.9}[r.nextInt(3)];
        boolean[][] kept = new boolean[qs.length - 1][ks.length - 1];
        for (boolean[] row : kept) {
            boolean empty = r.nextInt(5) == 0;
            for (int kb = 0; kb < row.length; kb++) row[kb] = !empty && r.nextDouble() < p;
        }
        return BlockMask.fromTiles(qs, ks, kept);
    }

    @Property(tries = 60)
    void denseMatchesOracle(@ForAll @IntRange(min = 1, max = 200) int nq, @ForAll @IntRange(min = 1, max = 200) int nk,
                            @ForAll @IntRange(min = 1, max = 4) int heads, @ForAll("headDims") int d,
                            @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Case c = Case.random(nq, nk, heads, d, seed);
        double[][] want = c.oracle(null);
        for (Backend be : BACKENDS) c.check(want, c.run(be, null), be.name() + " dense");
    }

    @Property(tries = 60)
    void blockSparseMatchesOracle(@ForAll @IntRange(min = 1, max = 200) int nq, @ForAll @IntRange(min = 1, max = 200) int nk,
                                  @ForAll @IntRange(min = 1, max = 4) int heads, @ForAll("headDims") int d,
                                  @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Case c = Case.random(nq, nk, heads, d, seed);
        BlockMask mask = randomMask(new SplittableRandom(seed + 17), nq, nk);
        double[][] want = c.oracle(mask);
        for (Backend be : BACKENDS) {
            float[] got = c.run(be, mask);
            c.check(want, got, be.name() + " sparse");
            // a query whose block keeps no key block gets exact zeros
            for (int qb = 0; qb < mask.queryBlocks(); qb++) {
                if (mask.keptKeyBlocks(qb).length > 0) continue;
                for (int i = mask.queryStart(qb); i < mask.queryStart(qb + 1); i++) {
                    for (int j = 0; j < heads * d; j++) assertEquals(0f, got[c.oOff() + i * c.ldo() + j], be.name());
                }
            }
        }
    }

    @Property(tries = 30)
    void allKeptMaskEqualsDense(@ForAll @IntRange(min = 1, max = 200) int nq, @ForAll @IntRange(min = 1, max = 200) int nk,
                                @ForAll @IntRange(min = 1, max = 3) int heads, @ForAll("headDims") int d,
                                @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Case c = Case.random(nq, nk, heads, d, seed);
        SplittableRandom r = new SplittableRandom(seed + 5);
        BlockMask arbitrary = BlockMask.full(randomStarts(r, nq, 12), randomStarts(r, nk, 12));
        BlockMask uniform64 = BlockMask.full(BlockMask.uniformStarts(nq, 64), BlockMask.uniformStarts(nk, 64));
        for (Backend be : BACKENDS) {
            float[] dense = c.run(be, null);
            // same keys in the same order: the scalar kernel is bit-identical for any boundaries
            if (be instanceof VectorBackend) {
                // the vector kernel's dense tiling is 64 × 64, so a uniform 64-block mask walks exactly the same tiles
                assertArrayEquals(dense, c.run(be, uniform64), be.name() + " uniform-64 all-kept mask vs dense");
                double[][] asDouble = toDouble(c, dense);
                c.check(asDouble, c.run(be, arbitrary), be.name() + " arbitrary all-kept mask vs dense");
            } else {
                assertArrayEquals(dense, c.run(be, arbitrary), be.name() + " all-kept mask vs dense");
            }
        }
    }

    @Property(tries = 8)
    void bitIdenticalForAnyThreadCount(@ForAll @IntRange(min = 65, max = 300) int nq, @ForAll @IntRange(min = 1, max = 300) int nk,
                                       @ForAll @IntRange(min = 1, max = 4) int heads, @ForAll("headDims") int d,
                                       @ForAll boolean sparse, @ForAll @IntRange(min = 0, max = 100000) int seed) {
        Case c = Case.random(nq, nk, heads, d, seed);
        BlockMask mask = sparse ? randomMask(new SplittableRandom(seed + 3), nq, nk) : null;
        for (Backend be : BACKENDS) {
            float[] one = Parallel.withThreads(1, () -> c.run(be, mask));
            float[] two = Parallel.withThreads(2, () -> c.run(be, mask));
            float[] three = Parallel.withThreads(3, () -> c.run(be, mask));
            assertArrayEquals(one, two, be.name() + " 1 vs 2 threads");
            assertArrayEquals(one, three, be.name() + " 1 vs 3 threads");
        }
    }

    /** The real head dims at sequence lengths past one tile, including cross-attention. */
    @Example
    void modelSizedHeadsMatchOracle() {
        Case self = Case.random(333, 333, 2, 64, 1);
        Case cross = Case.random(150, 1370, 1, 128, 2);
        for (Case c : List.of(self, cross)) {
            double[][] want = c.oracle(null);
            for (Backend be : BACKENDS) c.check(want, c.run(be, null), be.name() + " " + c.shape());
        }
        // a frame-like mask: 65-token first block (the time token joins it), then 64-token blocks; block diagonal
        // plus the first block column
        int[] starts = {0, 65, 129, 193, 257, 333};
        boolean[][] kept = new boolean[5][5];
        for (int b = 0; b < 5; b++) {
            kept[b][b] = true;
            kept[b][0] = true;
        }
        BlockMask mask = BlockMask.fromTiles(starts, starts, kept);
        double[][] want = self.oracle(mask);
        for (Backend be : BACKENDS) self.check(want, self.run(be, mask), be.name() + " frame mask");
    }

    @Example
    void maskWithNothingKeptGivesZeros() {
        Case c = Case.random(70, 90, 2, 13, 9);
        BlockMask none = new BlockMask(new int[] {0, 30, 70}, new int[] {0, 50, 90}, new int[][] {{}, {}});
        for (Backend be : BACKENDS) {
            float[] got = c.run(be, none);
            for (int i = 0; i < 70; i++) {
                for (int j = 0; j < 26; j++) assertEquals(0f, got[c.oOff() + i * c.ldo() + j], be.name());
            }
        }
    }

    @Example
    void rejectsMaskOfWrongShape() {
        Case c = Case.random(10, 12, 1, 8, 4);
        BlockMask wrong = BlockMask.full(new int[] {0, 10}, new int[] {0, 11});
        for (Backend be : BACKENDS) assertThrows(IllegalArgumentException.class, () -> c.run(be, wrong), be.name());
    }

    static double[][] toDouble(Case c, float[] o) {
        double[][] x = new double[c.nq()][c.heads() * c.d()];
        for (int i = 0; i < c.nq(); i++) {
            for (int j = 0; j < x[i].length; j++) x[i][j] = o[c.oOff() + i * c.ldo() + j];
        }
        return x;
    }

    /**
     * The vector backend's small attention over a run of positions (chunked, frame rows streamed through scratch)
     * against the scalar backend's, which is the general kernel per position; on frame counts up to 20 (odd ones
     * included, padded inside the kernel), several head dims (multiples of 16 take the small kernel, others fall back),
     * runs long enough to span several chunks, offsets and a padded frame stride. Splitting the run in two calls gives
     * the same bits (so the result does not depend on how the positions are cut across threads), and nothing outside
     * the positions' rows is written.
     */
    @Property(tries = 40)
    void smallAttentionOverPositionsIsTheGeneralKernelPerPosition(
            @ForAll @IntRange(min = 1, max = 20) int n, @ForAll @IntRange(min = 1, max = 70) int positions,
            @ForAll @IntRange(min = 1, max = 4) int heads, @ForAll("smallHeadDims") int d,
            @ForAll @IntRange(min = 0, max = 999) int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int width = heads * d, off = r.nextInt(8), stride = positions * width + r.nextInt(6);
        int len = off + (n - 1) * stride + positions * width + 3;
        float[] q = fill(r, len, 2f), k = fill(r, len, 2f), v = fill(r, len, 1f);
        float scale = (float) (1 / Math.sqrt(d));
        float[][] out = new float[3][len];
        for (float[] o : out) java.util.Arrays.fill(o, SENTINEL);
        new ScalarBackend().smallAttention(n, positions, heads, d, scale, q, off, k, off, v, off, out[0], off, stride);
        Backend vector = new VectorBackend();
        vector.smallAttention(n, positions, heads, d, scale, q, off, k, off, v, off, out[1], off, stride);
        int cut = r.nextInt(positions + 1), at = off + cut * width;
        vector.smallAttention(n, cut, heads, d, scale, q, off, k, off, v, off, out[2], off, stride);
        vector.smallAttention(n, positions - cut, heads, d, scale, q, at, k, at, v, at, out[2], at, stride);
        assertArrayEquals(out[1], out[2], "split at position " + cut);
        for (int x = 0; x < len; x++) {
            int rel = x - off, frame = rel / stride;
            boolean inside = rel >= 0 && frame < n && rel % stride < positions * width;
            double want = out[0][x], got = out[1][x];
            if (!inside && got != SENTINEL) fail("wrote outside the rows at " + x);
            if (!(Math.abs(want - got) <= ABS + REL * Math.abs(want))) {
                fail("n=" + n + " positions=" + positions + " heads=" + heads + " d=" + d + ": " + got + " at " + x
                        + ", want " + want);
            }
        }
    }

    @Provide
    Arbitrary<Integer> smallHeadDims() {
        return Arbitraries.of(8, 13, 16, 32, 48, 64, 80);
    }
}
