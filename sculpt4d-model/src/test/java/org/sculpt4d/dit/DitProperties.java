package org.sculpt4d.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.NaiveAttention;
import org.sculpt4d.tensor.oracle.NaiveOps;
import org.sculpt4d.tensor.oracle.RandomTensors;

/** Properties of the DiT that hold for any weights: small random configs ({@link RandomDit}) and random inputs. */
class DitProperties {
    /**
     * Absolute tolerance for results that differ only in float32 summation order (outputs of scale ~3). Reordering
     * tokens reorders the attention sums; observed differences are a few 1e-7. A wrong permutation or a token
     * leaking across positions moves outputs by O(0.1).
     */
    private static final double REORDER_TOLERANCE = 2e-5;

    /**
     * No positional embedding (spec §1): permuting the latent tokens permutes the velocity the same way, and the image
     * tokens are a set (permuting them changes nothing beyond rounding).
     */
    @Property(tries = 20)
    void tokensFormSets(@ForAll long seed, @ForAll @IntRange(min = 1, max = 9) int n,
                        @ForAll @IntRange(min = 1, max = 7) int s) {
        DitConfig c = RandomDit.config(seed);
        HunyuanDiT dit = RandomDit.build(c, seed);
        Tensor x = RandomTensors.uniform(seed + 1, 1.5f, 2, n, c.inChannels());
        Tensor cond = RandomTensors.uniform(seed + 2, 1.5f, 2, s, c.contextDim());
        float[] t = {(float) new SplittableRandom(seed).nextDouble(), 1f};
        Tensor v = dit.forward(x, t, cond);

        SplittableRandom r = new SplittableRandom(~seed);
        int[] tokens = permutation(n, r), context = permutation(s, r);
        Tensor moved = dit.forward(Ops.gather(x, 1, tokens), t, Ops.gather(cond, 1, context));
        assertClose(Ops.gather(v, 1, tokens), moved, REORDER_TOLERANCE);
    }

    /**
     * Spec §3.4's scramble, from its explicit slice formulas: self-attention head h reads query, key and value from
     * rows [3d·h, 3d·h + 3d) of [Q | K | V]; cross-attention head h reads key and value from rows [2d·h, 2d·h + 2d)
     * of [K | V] and its query plainly. Checked against a double-precision oracle that never re-slices a weight.
     */
    @Property(tries = 30)
    void attentionFollowsTheSpecSlices(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int n,
                                       @ForAll @IntRange(min = 1, max = 5) int s) {
        DitConfig c = RandomDit.config(seed);
        Map<String, Tensor> all = RandomDit.weights(DitLayout.of(c), seed);
        WeightBinder binder = new WeightBinder(RandomDit.source(all)).at("blocks.0");
        Tensor x = RandomTensors.uniform(seed + 3, 1.5f, 1, n, c.hiddenSize());
        Tensor cond = RandomTensors.uniform(seed + 4, 1.5f, 1, s, c.contextDim());
        assertClose(sliceOracle(all, "blocks.0.attn1.", c, x.select(0), x.select(0), 3),
                DitAttention.self(binder.at("attn1"), c).forward(x, x, AttentionKernel.DENSE).select(0), 1e-4);
        assertClose(sliceOracle(all, "blocks.0.attn2.", c, x.select(0), cond.select(0), 2),
                DitAttention.cross(binder.at("attn2"), c).forward(x, cond, AttentionKernel.DENSE).select(0), 1e-4);
    }

    /** The mask seam: a block mask that keeps every tile gives the dense result. */
    @Property(tries = 15)
    void aFullBlockMaskIsDense(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n,
                               @ForAll @IntRange(min = 1, max = 5) int block) {
        DitConfig c = RandomDit.config(seed);
        HunyuanDiT dit = RandomDit.build(c, seed);
        Tensor h = RandomTensors.uniform(seed, 1.5f, 2, n, c.hiddenSize());
        Tensor cond = RandomTensors.uniform(~seed, 1.5f, 2, 3, c.contextDim());
        int[] starts = BlockMask.uniformStarts(n, block);
        assertClose(dit.blocks(h, cond, AttentionKernel.DENSE), dit.blocks(h, cond, BlockMask.full(starts, starts)), REORDER_TOLERANCE);
    }

    /**
     * The per-frame condition seam: tokens split into T frames, each frame given the same condition, behave exactly
     * like one condition for all tokens (up to summation order); and a frame's condition reaches only that frame's tokens through the
     * cross-attention (changing frame 0's condition leaves the other frames unchanged in a 1-block model with
     * attention restricted to each frame).
     */
    @Property(tries = 15)
    void eachFrameAttendsItsOwnCondition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int frames,
                                         @ForAll @IntRange(min = 1, max = 5) int n) {
        DitConfig r = RandomDit.config(seed);
        DitConfig c = new DitConfig(r.inputSize(), r.inChannels(), r.hiddenSize(), r.contextDim(), 1, r.numHeads(),
                r.qkNorm(), r.qkNormType(), r.qkvBias(), r.numMoeLayers() > 0 ? 1 : 0, r.numExperts(), r.moeTopK());
        HunyuanDiT dit = RandomDit.build(c, seed);
        Tensor h = RandomTensors.uniform(seed, 1.5f, 2, frames * n, c.hiddenSize());
        Tensor cond = RandomTensors.uniform(~seed, 1.5f, 2, 3, c.contextDim());
        Tensor repeated = Ops.concat(0, java.util.stream.IntStream.range(0, 2 * frames)
                .mapToObj(i -> cond.slice(i / frames, i / frames + 1)).toArray(Tensor[]::new));
        assertClose(dit.blocks(h, cond, AttentionKernel.DENSE), dit.blocks(h, repeated, AttentionKernel.DENSE), REORDER_TOLERANCE);

        int[] starts = BlockMask.uniformStarts(frames * n, n);
        boolean[][] diagonal = new boolean[frames][frames];
        for (int f = 0; f < frames; f++) diagonal[f][f] = true;
        BlockMask ownFrame = BlockMask.fromTiles(starts, starts, diagonal);
        Tensor changed = repeated.copy();
        changed.select(0).copyFrom(Ops.add(cond.select(0), Tensor.full(1f, 3, c.contextDim()))); // differs by construction
        Tensor before = dit.blocks(h, repeated, ownFrame), after = dit.blocks(h, changed, ownFrame);
        for (int b = 0; b < 2; b++) {
            for (int f = 0; f < frames; f++) {
                Tensor was = before.select(b).slice(f * n, (f + 1) * n), now = after.select(b).slice(f * n, (f + 1) * n);
                if (b > 0 || f > 0) assertClose(was, now, REORDER_TOLERANCE);
                else assertTrue(maxDifference(was, now) > 1e-3, "frame 0 ignores its condition");
            }
        }
    }

    /** Spec §3.3: [sin(t·ω_i) | cos(t·ω_i)], ω_i = 10000^(−i/half), sin first; t itself, not ×1000. */
    @Property(tries = 50)
    void timestepSinusoidIsSinFirst(@ForAll @FloatRange(min = 0, max = 1) float t,
                                    @ForAll @IntRange(min = 1, max = 64) int half) {
        float[] e = TimestepEmbedder.sinusoid(new float[] {t}, 2 * half).toArray();
        for (int i = 0; i < half; i++) {
            double w = Math.pow(10000, -(double) i / half);
            assertEquals(Math.sin(t * w), e[i], 2e-7, "sin " + i);
            assertEquals(Math.cos(t * w), e[half + i], 2e-7, "cos " + i);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Attention per spec §3.4 in double: explicit slices of the concatenated projections, per-head qk-norm. */
    private static Tensor sliceOracle(Map<String, Tensor> w, String p, DitConfig c, Tensor x, Tensor context, int parts) {
        int heads = c.numHeads(), d = c.headDim(), hidden = c.hiddenSize(), n = x.dim(0), m = context.dim(0);
        String[] kvNames = parts == 3 ? new String[] {"to_q", "to_k", "to_v"} : new String[] {"to_k", "to_v"};
        double[][] packed = project(w, p, kvNames, context);                      // [m][parts·hidden]
        double[][] plainQ = parts == 2 ? project(w, p, new String[] {"to_q"}, x) : null;
        float[] q = new float[n * hidden], k = new float[m * hidden], v = new float[m * hidden];
        for (int h = 0; h < heads; h++) {
            for (int r = 0; r < m; r++) {
                int base = parts * d * h;
                float[] kh = new float[d];
                for (int j = 0; j < d; j++) {
                    kh[j] = (float) packed[r][base + (parts == 3 ? d : 0) + j];
                    v[r * hidden + h * d + j] = (float) packed[r][base + (parts == 3 ? 2 * d : d) + j];
                }
                System.arraycopy(toFloat(norm(w, p + "k_norm", c, kh)), 0, k, r * hidden + h * d, d);
            }
            for (int r = 0; r < n; r++) {
                float[] qh = new float[d];
                for (int j = 0; j < d; j++) {
                    qh[j] = (float) (parts == 3 ? packed[r][3 * d * h + j] : plainQ[r][d * h + j]);
                }
                System.arraycopy(toFloat(norm(w, p + "q_norm", c, qh)), 0, q, r * hidden + h * d, d);
            }
        }
        double[][] o = NaiveAttention.attention(n, m, heads, d, 1 / Math.sqrt(d), q, 0, hidden, k, 0, hidden, v, 0,
                hidden, null);
        Tensor out = Tensor.zeros(n, hidden);
        float[] wo = w.get(p + "out_proj.weight").data(), bo = w.get(p + "out_proj.bias").data();
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < hidden; i++) {
                double acc = bo[i];
                for (int j = 0; j < hidden; j++) acc += wo[i * hidden + j] * o[r][j];
                out.set((float) acc, r, i);
            }
        }
        return out;
    }

    /** Rows of {@code x} through the named linear layers, outputs concatenated per row, in double. */
    private static double[][] project(Map<String, Tensor> w, String p, String[] names, Tensor x) {
        int rows = x.dim(0), in = x.dim(1);
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            java.util.List<Double> row = new java.util.ArrayList<>();
            for (String name : names) {
                Tensor wt = w.get(p + name + ".weight"), b = w.get(p + name + ".bias");
                for (int i = 0; i < wt.dim(0); i++) {
                    double acc = b == null ? 0 : b.data()[i];
                    for (int j = 0; j < in; j++) acc += (double) wt.data()[i * in + j] * x.get(r, j);
                    row.add(acc);
                }
            }
            out[r] = row.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return out;
    }

    private static double[] norm(Map<String, Tensor> w, String key, DitConfig c, float[] x) {
        if (!c.qkNorm()) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) y[i] = x[i];
            return y;
        }
        float[] gain = w.get(key + ".weight").data();
        return c.qkNormType() == DitConfig.QkNormType.RMS ? NaiveOps.rmsNorm(x, gain, 1e-6)
                : NaiveOps.layerNorm(x, gain, w.get(key + ".bias").data(), 1e-6);
    }

    private static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (float) x[i];
        return y;
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    private static void assertClose(Tensor expected, Tensor actual, double tolerance) {
        assertArrayEquals(expected.shape(), actual.shape());
        double worst = maxDifference(expected, actual);
        assertTrue(worst <= tolerance, "max |difference| " + worst + " > " + tolerance);
    }

    private static double maxDifference(Tensor a, Tensor b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, Math.abs(a.data()[a.offset() + i] - b.data()[b.offset() + i]));
        }
        return worst;
    }
}
