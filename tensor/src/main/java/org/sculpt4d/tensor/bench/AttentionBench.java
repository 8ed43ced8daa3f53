package org.sculpt4d.tensor.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Dense against block-sparse self-attention on the current backend: {@code frames × tokensPerFrame} tokens, 16 heads ×
 * head dim 64 (the VAE's attention shape), blocks of 64 tokens inside each frame. For each requested density the
 * mask keeps the diagonal blocks, then adds blocks in Sculpt4D's order of importance (the rest of each frame, the
 * frame-0 anchor row and column, then cross-frame blocks nearest the diagonal and nearest in time first) until the
 * kept-pair density is as close to the request as the blocks allow.
 *
 * <p>Output: a {@code #} header with the configuration, then per density
 * {@code attention density=<d> dense_ms=<..> sparse_ms=<..> speedup=<dense/sparse> ideal=<1/actual density>},
 * each preceded by a {@code #} line with the actual density and kept tiles. Times are the best of {@value #REPS}
 * calls after {@value #WARMUPS} warm-up calls of each kernel.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp tensor/target/classes
 * org.sculpt4d.tensor.bench.AttentionBench [frames tokensPerFrame density...]}.
 */
public final class AttentionBench {
    static final int HEADS = 16;
    static final int HEAD_DIM = 64;
    static final int BLOCK = 64;
    static final int WARMUPS = 5;
    static final int REPS = 3;
    /** Half-life, in frames, of the cross-frame band order (as in the Sculpt4D mask). */
    static final double HALF_LIFE = 4;

    private AttentionBench() {
    }

    public static void main(String[] args) {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int tokensPerFrame = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        double[] densities = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToDouble(Double::parseDouble).toArray()
                : new double[] {1.0, 0.5, 0.35, 0.1};
        run(frames, tokensPerFrame, densities, System.out);
    }

    public static void run(int frames, int tokensPerFrame, double[] densities, PrintStream out) {
        Backend be = Backends.current();
        int n = frames * tokensPerFrame;
        int width = HEADS * HEAD_DIM;
        float scale = (float) (1 / Math.sqrt(HEAD_DIM));
        SplittableRandom r = new SplittableRandom(42);
        float[] q = random(r, n * width), k = random(r, n * width), v = random(r, n * width);
        float[] o = new float[n * width];
        double gflop = 4.0 * n * n * HEAD_DIM * HEADS / 1e9;
        out.printf(Locale.ROOT, "# attention bench: backend=%s threads=%d frames=%d tokensPerFrame=%d tokens=%d heads=%d"
                        + " headDim=%d width=%d block=%d warmups=%d best-of=%d dense=%.1f GFLOP%n",
                be.name(), Parallel.threads(), frames, tokensPerFrame, n, HEADS, HEAD_DIM, width, BLOCK, WARMUPS, REPS, gflop);

        BlockMask[] masks = new BlockMask[densities.length];
        for (int i = 0; i < densities.length; i++) masks[i] = mask(frames, tokensPerFrame, BLOCK, densities[i]);
        for (int i = 0; i < WARMUPS; i++) {
            time(be, n, width, scale, q, k, v, o, null);
            time(be, n, width, scale, q, k, v, o, masks.length > 0 ? masks[0] : null);
        }
        for (int i = 0; i < densities.length; i++) {
            BlockMask m = masks[i];
            double dense = Double.MAX_VALUE, sparse = Double.MAX_VALUE;
            for (int rep = 0; rep < REPS; rep++) {
                dense = Math.min(dense, time(be, n, width, scale, q, k, v, o, null));
                sparse = Math.min(sparse, time(be, n, width, scale, q, k, v, o, m));
            }
            double actual = m.density();
            out.printf(Locale.ROOT, "# density requested=%.2f actual=%.2f kept_tiles=%d of %d dense_gflops=%.1f%n",
                    densities[i], actual, m.keptTiles(), (long) m.queryBlocks() * m.keyBlocks(), gflop / (dense / 1e3));
            out.printf(Locale.ROOT, "attention density=%.2f dense_ms=%.1f sparse_ms=%.1f speedup=%.2f ideal=%.2f%n",
                    densities[i], dense, sparse, dense / sparse, 1 / actual);
        }
    }

    /** Milliseconds of one attention call. */
    static double time(Backend be, int n, int width, float scale, float[] q, float[] k, float[] v, float[] o, BlockMask m) {
        long t0 = System.nanoTime();
        be.attention(n, n, HEADS, HEAD_DIM, scale, q, 0, width, k, 0, width, v, 0, width, o, 0, width, m);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * The mask whose kept-pair density is nearest {@code target}: diagonal blocks always, then the other blocks in order
     * of importance (same frame; frame-0 anchor row and column; cross-frame by {@code (|block offset| + 1)·2^(Δ/h)}).
     */
    public static BlockMask mask(int frames, int tokensPerFrame, int block, double target) {
        int[] frameStarts = BlockMask.uniformStarts(tokensPerFrame, block);
        int per = frameStarts.length - 1;
        int nb = frames * per;
        int[] starts = new int[nb + 1];
        for (int f = 0; f < frames; f++) {
            for (int b = 0; b < per; b++) starts[f * per + b] = f * tokensPerFrame + frameStarts[b];
        }
        starts[nb] = frames * tokensPerFrame;
        if (target >= 1) return BlockMask.full(starts, starts);
        boolean[][] kept = new boolean[nb][nb];
        double total = (double) starts[nb] * starts[nb];
        double pairs = 0;
        List<double[]> candidates = new ArrayList<>(); // {group, key, qb, kb}
        for (int qb = 0; qb < nb; qb++) {
            for (int kb = 0; kb < nb; kb++) {
                int fq = qb / per, fk = kb / per;
                if (qb == kb) {
                    kept[qb][kb] = true;
                    pairs += size(starts, qb) * size(starts, kb);
                } else if (fq == fk) {
                    candidates.add(new double[] {1, Math.abs(qb - kb), qb, kb});
                } else if (fq == 0 || fk == 0) {
                    candidates.add(new double[] {2, 0, qb, kb});
                } else {
                    double key = (Math.abs(qb % per - kb % per) + 1) * Math.pow(2, Math.abs(fq - fk) / HALF_LIFE);
                    candidates.add(new double[] {3, key, qb, kb});
                }
            }
        }
        candidates.sort((a, b) -> {
            for (int i = 0; i < 4; i++) {
                int c = Double.compare(a[i], b[i]);
                if (c != 0) return c;
            }
            return 0;
        });
        double want = target * total;
        for (double[] c : candidates) {
            int qb = (int) c[2], kb = (int) c[3];
            double add = size(starts, qb) * size(starts, kb);
            if (pairs + add <= want || Math.abs(pairs + add - want) < Math.abs(pairs - want)) {
                kept[qb][kb] = true;
                pairs += add;
            }
            if (pairs >= want) break;
        }
        return BlockMask.fromTiles(starts, starts, kept);
    }

    private static double size(int[] starts, int b) {
        return starts[b + 1] - starts[b];
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
