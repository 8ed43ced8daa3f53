package org.sculpt4d.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.FrameMask;
import org.sculpt4d.mask4d.IntraFrame;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.RandomTensors;

/** The 4D DiT against the 3D one and its self-attention kernels against a dense masked oracle. */
class Dit4DProperties {

    /** T = 1 is Hunyuan3D 2.1 (sculpt4d-method.md §1): the same float32 operations, so bit-identical. */
    @Property(tries = 15)
    void oneFrameIsTheThreeDimensionalDit(@ForAll long seed, @ForAll @IntRange(min = 1, max = 2) int batch,
                                           @ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 1, max = 5) int s,
                                           @ForAll @IntRange(min = 1, max = 4) int block) {
        DitConfig c = RandomDit.config(seed);
        HunyuanDiT dit = RandomDit.build(c, seed);
        Tensor x = RandomTensors.uniform(seed + 1, 1.5f, batch, n, c.inChannels());
        Tensor cond = RandomTensors.uniform(seed + 2, 1.5f, batch, s, c.contextDim());
        float[] t = new float[batch];
        for (int i = 0; i < batch; i++) t[i] = 0.3f + 0.4f * i;
        MaskSettings settings = MaskSettings.DEFAULT.withBlockSize(block);
        for (Mask4DPreset p : new Mask4DPreset[] {Mask4DPreset.SCULPT4D, Mask4DPreset.NO_SINK, Mask4DPreset.FIXED_STRIDE, Mask4DPreset.FULL}) {
            Dit4D d4 = new Dit4D(dit, p.mask(settings), settings);
            Tensor v = d4.velocity(x.reshape(batch, 1, n, c.inChannels()), t, cond.reshape(batch, 1, s, c.contextDim()));
            assertArrayEquals(new int[] {batch, 1, n, c.inChannels()}, v.shape());
            assertArrayEquals(dit.forward(x, t, cond).toArray(), v.toArray(), p.id());
        }
    }

    /**
     * With the intra-frame mask alone no token sees another frame, so frame t's velocity is the 3D DiT's on frame t
     * with frame t's image tokens (block-sparse sums run in another order: 2e-5 as in DitProperties).
     */
    @Property(tries = 10)
    void intraFrameOnlyIsTheDitPerFrame(@ForAll long seed, @ForAll @IntRange(min = 2, max = 4) int frames,
                                       @ForAll @IntRange(min = 1, max = 7) int n, @ForAll @IntRange(min = 1, max = 4) int block) {
        DitConfig c = RandomDit.config(seed);
        HunyuanDiT dit = RandomDit.build(c, seed);
        int s = 3;
        Tensor x = RandomTensors.uniform(seed + 1, 1.5f, 1, frames, n, c.inChannels());
        Tensor cond = RandomTensors.uniform(seed + 2, 1.5f, 1, frames, s, c.contextDim());
        float[] t = {0.6f};
        Tensor v = new Dit4D(dit, new IntraFrame(), MaskSettings.DEFAULT.withBlockSize(block)).velocity(x, t, cond);
        for (int f = 0; f < frames; f++) {
            Tensor want = dit.forward(x.select(0).select(f).reshape(1, n, c.inChannels()), t,
                    cond.select(0).select(f).reshape(1, s, c.contextDim()));
            float[] w = want.toArray(), got = v.select(0).select(f).toArray();
            for (int i = 0; i < w.length; i++) assertEquals(w[i], got[i], 2e-5, "frame " + f);
        }
    }

    /**
     * Every preset's self-attention kernel against dense attention in double precision with the mask applied token by
     * token: a pair is attended when its two blocks hold an attended pair (work is done per block, §2), except for the
     * position-aligned temporal-only kernel, which attends exactly the token-level pairs.
     */
    @Property(tries = 40)
    void kernelsEqualDenseMaskedAttention(@ForAll Mask4DPreset preset, @ForAll @IntRange(min = 1, max = 4) int frames,
                                          @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 1, max = 5) int block,
                                          @ForAll @IntRange(min = 1, max = 3) int heads, @ForAll @IntRange(min = 0, max = 999) int seed) {
        int d = 4, width = heads * d;
        MaskSettings settings = new MaskSettings(block, 1.5, 2, true, seed % 2 == 0);
        FrameMask mask = preset.mask(settings);
        FrameLayout layout = settings.layout(frames, n);
        int len = layout.sequenceLength();
        Tensor q = RandomTensors.uniform(seed, 2f, 1, len, width);
        Tensor k = RandomTensors.uniform(seed + 1, 2f, 1, len, width);
        Tensor v = RandomTensors.uniform(seed + 2, 1f, 1, len, width);
        Tensor got = new Dit4D(null, mask, settings).selfAttention(frames, n).attend(q, k, v, heads);
        boolean exact = preset == Mask4DPreset.TEMPORAL_ONLY;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < len; i++) {
                double[] s = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    boolean kept = exact ? mask.attends(layout, i, j) : blocksHoldAttendedPair(mask, layout, block, i, j);
                    if (!kept) {
                        s[j] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    for (int e = 0; e < d; e++) s[j] += (double) q.get(0, i, h * d + e) * k.get(0, j, h * d + e);
                    s[j] /= Math.sqrt(d);
                    max = Math.max(max, s[j]);
                }
                double sum = 0;
                double[] o = new double[d];
                for (int j = 0; j < len; j++) {
                    double p = Math.exp(s[j] - max);
                    sum += p;
                    for (int e = 0; e < d; e++) o[e] += p * v.get(0, j, h * d + e);
                }
                for (int e = 0; e < d; e++) assertEquals(o[e] / sum, got.get(0, i, h * d + e), 1e-5, preset.id());
            }
        }
    }

    @Property(tries = 5)
    void badShapesAreRejected(@ForAll long seed) {
        DitConfig c = RandomDit.config(seed);
        Dit4D d4 = new Dit4D(RandomDit.build(c, seed), new IntraFrame(), MaskSettings.DEFAULT);
        Tensor x = Tensor.zeros(1, 2, 3, c.inChannels());
        assertThrows(IllegalArgumentException.class, () -> d4.velocity(x, new float[] {0.5f}, Tensor.zeros(1, 3, 2, c.contextDim())));
        assertThrows(IllegalArgumentException.class, () -> d4.velocity(x, new float[] {0.5f, 0.5f}, Tensor.zeros(1, 2, 2, c.contextDim())));
    }

    /** Whether the blocks of tokens i and j (blocks of B latent positions, the time token in the first) hold a pair the mask attends. */
    private static boolean blocksHoldAttendedPair(FrameMask mask, FrameLayout layout, int block, int i, int j) {
        int frameLength = layout.frameLength();
        for (int a = 0; a < layout.sequenceLength(); a++) {
            if (a / frameLength != i / frameLength || blockInFrame(a % frameLength, block) != blockInFrame(i % frameLength, block)) continue;
            for (int b = 0; b < layout.sequenceLength(); b++) {
                if (b / frameLength != j / frameLength || blockInFrame(b % frameLength, block) != blockInFrame(j % frameLength, block)) continue;
                if (mask.attends(layout, a, b)) return true;
            }
        }
        return false;
    }

    private static int blockInFrame(int position, int block) {
        return position == 0 ? 0 : (position - 1) / block;
    }
}
