package org.sculpt4d.dit.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.sculpt4d.dit.AttentionKernel;
import org.sculpt4d.dit.DitBlock;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.DitLayout;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Wall time of single DiT blocks with random weights: a plain block (MLP) and, when the config has MoE layers, the
 * last block (long skip + mixture of experts). A denoiser evaluation costs about {@code (depth − moe)} plain blocks
 * plus {@code moe} MoE blocks; with classifier-free guidance the batch is 2.
 *
 * <p>Output: a {@code #} header, then per block {@code dit-block index=<i> kind=<mlp|moe+skip> tokens=<1+N> batch=<B>
 * best_s=<..> gflops=<..>}, the best of {@code reps} calls after one warm-up call. FLOPs count the projections, the
 * attention products and the FFN with the routed top-k plus the shared expert.
 */
public final class DitBlockBench {
    private DitBlockBench() {
    }

    public static void run(DitConfig c, int tokens, int contextTokens, int batch, int reps, PrintStream out) {
        out.printf(Locale.ROOT, "# dit block bench: backend=%s threads=%d hidden=%d heads=%d context=%d tokens=%d "
                        + "(1 time + %d latent) contextTokens=%d batch=%d reps=%d%n", Backends.current().name(),
                Parallel.threads(), c.hiddenSize(), c.numHeads(), c.contextDim(), tokens + 1, tokens, contextTokens,
                batch, reps);
        SplittableRandom r = new SplittableRandom(7);
        Tensor h = uniform(r, 1f, batch, tokens + 1, c.hiddenSize());
        Tensor skip = uniform(r, 1f, batch, tokens + 1, c.hiddenSize());
        Tensor cond = uniform(r, 1f, batch, contextTokens, c.contextDim());
        int[] blocks = c.numMoeLayers() > 0 && c.depth() > 1 ? new int[] {0, c.depth() - 1} : new int[] {0};
        for (int i : blocks) {
            DitBlock block = randomBlock(c, i);
            Tensor s = block.takesSkip() ? skip : null;
            block.forward(h, cond, s, AttentionKernel.DENSE);
            double best = Double.MAX_VALUE;
            for (int k = 0; k < reps; k++) {
                long t0 = System.nanoTime();
                block.forward(h, cond, s, AttentionKernel.DENSE);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double flops = batch * flops(c, i, tokens + 1, contextTokens);
            out.printf(Locale.ROOT, "dit-block index=%d kind=%s tokens=%d batch=%d best_s=%.3f gflops=%.1f%n", i,
                    (c.usesMoe(i) ? "moe" : "mlp") + (block.takesSkip() ? "+skip" : ""), tokens + 1, batch, best,
                    flops / best / 1e9);
        }
    }

    /** Multiply-adds ×2 of one block on one sequence of n tokens attending m context tokens. */
    static double flops(DitConfig c, int block, int n, int m) {
        double h = c.hiddenSize(), ctx = c.contextDim();
        double f = 2 * n * h * h * 4                      // attn1 q, k, v, out
                + 2.0 * 2 * n * n * h                       // attn1 QKᵀ and PV
                + 2 * n * h * h * 2 + 2 * m * ctx * h * 2   // attn2 q, out; k, v of the context
                + 2.0 * 2 * n * m * h;                      // attn2 QKᵀ and PV
        double ffns = c.usesMoe(block) ? c.moeTopK() + 1 : 1;
        f += ffns * 2 * n * h * 4 * h * 2;
        if (c.takesSkip(block)) f += 2 * n * 2 * h * h;
        return f;
    }

    /** Block {@code index} of config {@code c} with seeded random weights, generated as the loader asks for them. */
    static DitBlock randomBlock(DitConfig c, int index) {
        String prefix = "blocks." + index + ".";
        Map<String, int[]> shapes = new LinkedHashMap<>();
        DitLayout.of(c).forEach((k, v) -> {
            if (k.startsWith(prefix)) shapes.put(k, v);
        });
        Weights w = new Weights() {
            @Override
            public String source() {
                return "random block " + index;
            }

            @Override
            public Set<String> keys() {
                return shapes.keySet();
            }

            @Override
            public int[] shape(String key) {
                return shapes.get(key).clone();
            }

            @Override
            public Tensor load(String key) {
                int[] s = shapes.get(key);
                SplittableRandom r = new SplittableRandom(key.hashCode());
                return s.length == 2 ? uniform(r, (float) Math.sqrt(3.0 / s[1]), s)
                        : Ops.add(uniform(r, 0.2f, s), Tensor.full(key.endsWith(".weight") ? 1f : 0f, s));
            }
        };
        WeightBinder binder = new WeightBinder(w);
        DitBlock block = DitBlock.load(binder.at("blocks." + index), c, index);
        binder.finish(true, "");
        return block;
    }

    static Tensor uniform(SplittableRandom r, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) (scale * (2 * r.nextDouble() - 1));
        return t;
    }
}
