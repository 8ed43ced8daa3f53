package org.sculpt4d.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.oracle.NaiveAttention;
import org.sculpt4d.tensor.oracle.RandomTensors;

/** The tensor-level operations (shape handling, broadcasting, joins, reductions) against naive double loops. */
class OpsProperties {

    /** float32 dot products of length k: error ≤ k·ε·Σ|a||b|; 1e-5 relative to that sum is generous and still tight. */
    static void assertProduct(double want, double absSum, float got, String what) {
        assertEquals(want, got, 1e-5 * Math.max(1, absSum), what);
    }

    @Property(tries = 40)
    void linearIsXTimesWTransposedPlusBias(@ForAll @IntRange(min = 1, max = 4) int batch, @ForAll @IntRange(min = 1, max = 37) int rows,
                                           @ForAll @IntRange(min = 1, max = 70) int in, @ForAll @IntRange(min = 1, max = 45) int out,
                                           @ForAll boolean withBias, @ForAll @IntRange(min = 0, max = 999) int seed) {
        Tensor x = RandomTensors.uniform(seed, 1f, batch, rows, in);
        Tensor w = RandomTensors.uniform(seed + 1, 1f, out, in);
        Tensor b = withBias ? RandomTensors.uniform(seed + 2, 1f, out) : null;
        Tensor y = Ops.linear(x, w, b);
        assertArrayEquals(new int[] {batch, rows, out}, y.shape());
        for (int i = 0; i < batch; i++) {
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    double s = withBias ? b.get(o) : 0, abs = withBias ? Math.abs(b.get(o)) : 0;
                    for (int p = 0; p < in; p++) {
                        s += (double) x.get(i, r, p) * w.get(o, p);
                        abs += Math.abs((double) x.get(i, r, p) * w.get(o, p));
                    }
                    assertProduct(s, abs, y.get(i, r, o), "linear");
                }
            }
        }
    }

    @Property(tries = 30)
    void batchedMatmulAgreesWithMatmulTransBOfTheTranspose(@ForAll @IntRange(min = 1, max = 3) int batch,
                                                           @ForAll @IntRange(min = 1, max = 33) int m, @ForAll @IntRange(min = 1, max = 33) int k,
                                                           @ForAll @IntRange(min = 1, max = 33) int n, @ForAll boolean sharedB,
                                                           @ForAll @IntRange(min = 0, max = 999) int seed) {
        Tensor a = RandomTensors.uniform(seed, 1f, batch, m, k);
        Tensor b = sharedB ? RandomTensors.uniform(seed + 1, 1f, k, n) : RandomTensors.uniform(seed + 1, 1f, batch, k, n);
        Tensor c = Ops.matmul(a, b);
        // bᵀ built by hand, then through the other entry point
        int nb = sharedB ? 1 : batch;
        Tensor bt = Tensor.zeros(sharedB ? new int[] {n, k} : new int[] {batch, n, k});
        for (int i = 0; i < nb; i++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    float v = sharedB ? b.get(p, j) : b.get(i, p, j);
                    if (sharedB) bt.set(v, j, p); else bt.set(v, i, j, p);
                }
            }
        }
        Tensor c2 = Ops.matmulTransB(a, bt);
        for (int i = 0; i < batch; i++) {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    double s = 0, abs = 0;
                    for (int p = 0; p < k; p++) {
                        double prod = (double) a.get(i, r, p) * (sharedB ? b.get(p, j) : b.get(i, p, j));
                        s += prod;
                        abs += Math.abs(prod);
                    }
                    assertProduct(s, abs, c.get(i, r, j), "matmul");
                    assertProduct(s, abs, c2.get(i, r, j), "matmulTransB");
                }
            }
        }
    }

    @Property(tries = 50)
    void broadcastingFollowsNumPy(@ForAll @IntRange(min = 1, max = 4) int d0, @ForAll @IntRange(min = 1, max = 5) int d1,
                                  @ForAll @IntRange(min = 1, max = 6) int d2, @ForAll @IntRange(min = 0, max = 7) int pattern,
                                  @ForAll @IntRange(min = 0, max = 999) int seed) {
        // b keeps or collapses each axis of a according to the bits of pattern; a leading-1 axis may also be dropped
        int[] bs = {(pattern & 1) != 0 ? 1 : d0, (pattern & 2) != 0 ? 1 : d1, (pattern & 4) != 0 ? 1 : d2};
        Tensor a = RandomTensors.uniform(seed, 2f, d0, d1, d2);
        Tensor b = RandomTensors.uniform(seed + 1, 2f, bs);
        if (bs[0] == 1) b = b.reshape(bs[1], bs[2]);
        Tensor sum = Ops.add(a, b), prod = Ops.mul(b, a);
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                for (int l = 0; l < d2; l++) {
                    int bi = bs[0] == 1 ? 0 : i, bj = bs[1] == 1 ? 0 : j, bl = bs[2] == 1 ? 0 : l;
                    float bv = b.rank() == 3 ? b.get(bi, bj, bl) : b.get(bj, bl);
                    assertEquals(a.get(i, j, l) + bv, sum.get(i, j, l), 0f);
                    assertEquals(bv * a.get(i, j, l), prod.get(i, j, l), 0f);
                }
            }
        }
    }

    @Property(tries = 40)
    void concatThenSplitIsIdentity(@ForAll @IntRange(min = 0, max = 2) int axis, @ForAll @IntRange(min = 1, max = 4) int a,
                                   @ForAll @IntRange(min = 1, max = 5) int b, @ForAll @IntRange(min = 1, max = 6) int c,
                                   @ForAll @IntRange(min = 0, max = 999) int seed) {
        int[] s1 = {a, b, c}, s2 = {a, b, c};
        s2[axis] += 2;
        Tensor x = RandomTensors.uniform(seed, 1f, s1), y = RandomTensors.uniform(seed + 1, 1f, s2);
        Tensor cat = Ops.concat(axis, x, y);
        assertEquals(s1[axis] + s2[axis], cat.dim(axis));
        Tensor[] parts = Ops.split(cat, axis, s1[axis], s2[axis]);
        assertArrayEquals(x.toArray(), parts[0].toArray(), 0f);
        assertArrayEquals(y.toArray(), parts[1].toArray(), 0f);
    }

    @Property(tries = 40)
    void gatherPicksRowsInOrder(@ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 1, max = 5) int c,
                                @ForAll @IntRange(min = 0, max = 999) int seed) {
        Tensor x = RandomTensors.uniform(seed, 1f, 2, n, c);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] idx = r.ints(n + 3, 0, n).toArray();
        Tensor g = Ops.gather(x, 1, idx);
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < idx.length; i++) {
                for (int j = 0; j < c; j++) assertEquals(x.get(b, idx[i], j), g.get(b, i, j), 0f);
            }
        }
    }

    @Property(tries = 40)
    void reductionsMatchLoops(@ForAll @IntRange(min = 1, max = 6) int a, @ForAll @IntRange(min = 1, max = 7) int b,
                              @ForAll @IntRange(min = 0, max = 1) int axis, @ForAll @IntRange(min = 0, max = 999) int seed) {
        Tensor x = RandomTensors.uniform(seed, 10f, a, b);
        Tensor mean = Ops.mean(x, axis), max = Ops.max(x, axis);
        int outer = axis == 0 ? b : a, len = axis == 0 ? a : b;
        for (int o = 0; o < outer; o++) {
            double s = 0;
            float m = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < len; i++) {
                float v = axis == 0 ? x.get(i, o) : x.get(o, i);
                s += v;
                m = Math.max(m, v);
            }
            assertEquals(s / len, mean.get(o), 1e-6);
            assertEquals(m, max.get(o), 0f);
        }
    }

    @Property(tries = 40)
    void topKIsSortedAndDominatesTheRest(@ForAll @IntRange(min = 1, max = 12) int cols, @ForAll @IntRange(min = 1, max = 12) int k,
                                         @ForAll @IntRange(min = 0, max = 999) int seed) {
        int kk = Math.min(k, cols);
        Tensor x = RandomTensors.uniform(seed, 1f, 3, cols);
        Ops.TopK top = Ops.topK(x, kk);
        for (int r = 0; r < 3; r++) {
            java.util.Set<Integer> chosen = new java.util.HashSet<>();
            for (int j = 0; j < kk; j++) {
                int idx = top.indices()[r * kk + j];
                assertTrue(chosen.add(idx), "index chosen twice");
                assertEquals(x.get(r, idx), top.values().get(r, j), 0f);
                if (j > 0) assertTrue(top.values().get(r, j - 1) >= top.values().get(r, j));
            }
            for (int c = 0; c < cols; c++) {
                if (!chosen.contains(c)) assertTrue(x.get(r, c) <= top.values().get(r, kk - 1));
            }
        }
        int[] am = Ops.argmax(x);
        for (int r = 0; r < 3; r++) assertEquals(top.indices()[r * kk], am[r]);
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        assertArrayEquals(new int[] {1}, Ops.argmax(Tensor.wrap(new float[] {0, 5, 5, 1}, 1, 4)));
    }

    @Test
    void softmaxAndNormsKeepShapes() {
        Tensor x = RandomTensors.uniform(1, 1f, 2, 3, 5);
        assertArrayEquals(x.shape(), Ops.softmax(x).shape());
        assertArrayEquals(x.shape(), Ops.layerNorm(x, null, null, 1e-5f).shape());
        assertArrayEquals(x.shape(), Ops.rmsNorm(x, Tensor.full(1f, 5), 1e-6f).shape());
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Tensor x = Tensor.zeros(4, 8), w = Tensor.zeros(3, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ops.linear(x, w, null));
        assertTrue(e.getMessage().contains("[4, 8]") && e.getMessage().contains("[3, 7]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ops.add(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("do not broadcast"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Ops.gather(x, 0, new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> Ops.layerNorm(x, Tensor.zeros(7), null, 1e-5f));
    }
    /**
     * Aligned attention against the oracle run on the whole sequence with a token-level mask (blocks of one token) in
     * which token p of each group keeps token p of every group; 1e-5 as for the backends' attention.
     */
    @Property(tries = 30)
    void alignedAttentionIsDenseAttentionMaskedToTheSamePositionInEveryGroup(
            @ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 20) int groups,
            @ForAll @IntRange(min = 1, max = 9) int perGroup, @ForAll @IntRange(min = 1, max = 3) int heads,
            @ForAll @IntRange(min = 1, max = 9) int dim, @ForAll boolean wholeVectors,
            @ForAll @IntRange(min = 0, max = 999) int seed) {
        // head dims in pairs of 8-float vectors take the vector backend's small-attention kernel, others the general one
        int headDim = wholeVectors ? 16 * dim : dim;
        int n = groups * perGroup, width = heads * headDim;
        Tensor q = RandomTensors.uniform(seed, 2f, batch, n, width);
        Tensor k = RandomTensors.uniform(seed + 1, 2f, batch, n, width);
        Tensor v = RandomTensors.uniform(seed + 2, 1f, batch, n, width);
        int[][] kept = new int[n][];
        for (int i = 0; i < n; i++) {
            int p = i % perGroup;
            kept[i] = java.util.stream.IntStream.range(0, groups).map(g -> g * perGroup + p).toArray();
        }
        int[] single = BlockMask.uniformStarts(n, 1);
        BlockMask tokenMask = new BlockMask(single, single, kept);
        Tensor o = Ops.alignedAttention(q, k, v, heads, groups);
        for (int b = 0; b < batch; b++) {
            int off = b * n * width;
            double[][] want = NaiveAttention.attention(n, n, heads, headDim, 1 / Math.sqrt(headDim), q.data(), off, width,
                    k.data(), off, width, v.data(), off, width, tokenMask);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < width; c++) assertEquals(want[i][c], o.get(b, i, c), 1e-5, "aligned attention");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Ops.alignedAttention(q, k, v, heads, n + 1));
    }
}
