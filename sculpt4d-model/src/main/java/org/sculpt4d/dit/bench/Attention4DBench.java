package org.sculpt4d.dit.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sculpt4d.dit.AttentionKernel;
import org.sculpt4d.dit.Dit4D;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Wall time of the 4D DiT's self-attention core (softmax(q·kᵀ/√d)·v over the frame-major sequence of
 * sculpt4d-method.md §1) under each mask preset (§2), with the kernel the 4D DiT uses for it ({@link Dit4D#kernel}):
 * block-sparse, position-aligned for temporal-only, dense for full. The ideal speed-up over full is the reciprocal of
 * the preset's computed density (the share of token pairs its kernel computes); {@code ratio} = measured / ideal.
 * Every timed call of a preset's kernel is followed by a timed call of the dense one, and every speed-up is against
 * the best dense call of the whole run, so that a load change on a shared machine affects both sides alike.
 *
 * <p>Warm-up (java-compute-notes.md §3): every kernel first runs {@value #SMALL_WARMUPS} times on a 2-frame sequence
 * (so the JIT compiles its loops), then once at full size; the time is the best of {@code reps} further calls.
 */
public final class Attention4DBench {
    static final int HEAD_DIM = 64;
    static final int SMALL_WARMUPS = 5;
    /** Untimed full-size calls of a kernel before it is timed: for at least this long. */
    static final long WARM_MILLIS = 1000;

    private Attention4DBench() {
    }

    /** The presets timed against full attention when none are named. */
    public static final List<Mask4DPreset> PRESETS = List.of(Mask4DPreset.SCULPT4D, Mask4DPreset.NO_SINK,
            Mask4DPreset.FIXED_STRIDE, Mask4DPreset.TEMPORAL_ONLY);

    /**
     * Times {@code presets} (not {@code full}, the baseline every line is against) and, when they are all of
     * {@link #PRESETS}, the block-sparse kernel with every tile kept; the temporal-only line also gives the
     * {@link MemoryFloor} and {@link ComputeFloor} measured in this run, and the time 0.8 × the ideal speed-up allows.
     */
    public static void run(int frames, int tokens, int heads, MaskSettings settings, int reps, List<Mask4DPreset> presets,
                           PrintStream out) {
        FrameLayout layout = settings.layout(frames, tokens);
        int n = layout.sequenceLength(), width = heads * HEAD_DIM;
        out.printf(Locale.ROOT, "# attention4d bench: backend=%s threads=%d frames=%d tokens=%d (+1 time token) sequence=%d "
                        + "heads=%d headDim=%d block=%d halfLife=%s reps=%d%n", Backends.current().name(), Parallel.threads(),
                frames, tokens, n, heads, HEAD_DIM, settings.blockSize(), settings.halfLife(), reps);
        SplittableRandom r = new SplittableRandom(11);
        Tensor q = DitBlockBench.uniform(r, 1f, 1, n, width), k = DitBlockBench.uniform(r, 1f, 1, n, width),
                v = DitBlockBench.uniform(r, 1f, 1, n, width);
        AttentionKernel dense = Dit4D.kernel(Mask4DPreset.FULL.mask(settings), layout);
        warmUp(Dit4D.kernel(Mask4DPreset.FULL.mask(settings), settings.layout(2, tokens)), tokens, heads, r);
        dense.attend(q, k, v, heads);
        double[] full = {Double.MAX_VALUE};
        double[] best = new double[presets.size()];
        for (int i = 0; i < presets.size(); i++) {
            warmUp(Dit4D.kernel(presets.get(i).mask(settings), settings.layout(2, tokens)), tokens, heads, r);
            best[i] = interleaved(Dit4D.kernel(presets.get(i).mask(settings), layout), dense, full, q, k, v, heads, reps);
        }
        boolean allPresets = presets.containsAll(PRESETS);
        double allTiles = 0;
        if (allPresets) { // the block-sparse kernel with every tile kept: its overhead against the dense kernel
            int[] smallStarts = settings.layout(2, tokens).blockStarts();
            warmUp(AttentionKernel.blockSparse(BlockMask.full(smallStarts, smallStarts)), tokens, heads, r);
            allTiles = interleaved(AttentionKernel.blockSparse(BlockMask.full(layout.blockStarts(), layout.blockStarts())),
                    dense, full, q, k, v, heads, reps);
        }
        // the temporal-only kernel's multiply-adds: per position and head, Sᵀ = K·Qᵀ and O = P·V, frames² × headDim each
        Floors floors = presets.contains(Mask4DPreset.TEMPORAL_ONLY)
                ? Floors.measure(q, k, v, 2L * frames * frames * HEAD_DIM * heads * (tokens + 1)) : null;
        out.printf(Locale.ROOT, "attention4d preset=full density=1.0000 ms=%.1f (best of %d interleaved calls)%n", full[0],
                (presets.size() + (allPresets ? 1 : 0)) * reps);
        for (int i = 0; i < presets.size(); i++) {
            Mask4DPreset preset = presets.get(i);
            double density = preset.computedDensity(settings, frames, tokens);
            double speedup = full[0] / best[i], ideal = 1 / density;
            // two decimals for the short times, so the ratio can be read off the line
            String ms = String.format(Locale.ROOT, best[i] < 100 ? "%.2f" : "%.1f", best[i]);
            out.printf(Locale.ROOT, "attention4d preset=%s density=%.4f ms=%s speedup=%.2f ideal=%.2f ratio=%.2f%s%n",
                    preset.id(), density, ms, speedup, ideal, speedup / ideal,
                    preset == Mask4DPreset.TEMPORAL_ONLY ? floors.note(full[0] / (0.8 * ideal)) : "");
        }
        if (allPresets) {
            out.printf(Locale.ROOT, "# block-sparse kernel with every tile kept: ms=%.1f, %.2f x the dense kernel's time%n",
                    allTiles, allTiles / full[0]);
        }
    }

    /**
     * The floors of the temporal-only line, measured in this run: moving q, k, v and o once (on all threads and on one),
     * allocating o, and the kernel's multiply-adds at the machine's FMA peak.
     */
    private record Floors(MemoryFloor.Result memory, MemoryFloor.Result oneThread, double allocationMillis,
                          ComputeFloor.Result compute) {
        static Floors measure(Tensor q, Tensor k, Tensor v, long multiplyAdds) {
            return new Floors(MemoryFloor.measure(q, k, v, Parallel.threads()), MemoryFloor.measure(q, k, v, 1),
                    MemoryFloor.allocationMillis(q.size()), ComputeFloor.measure(multiplyAdds, Parallel.threads()));
        }

        /** The floors, their sum (what a kernel that overlaps nothing needs at best) and the time the target allows. */
        String note(double targetMillis) {
            return String.format(Locale.ROOT, "%n  floors measured in this run (%d threads): memory %.2f ms at %.1f GB/s (1 thread %.1f GB/s), "
                            + "output allocation %.2f ms, multiply-adds %.2f ms at %.2f G/s (FMA peak); sum %.2f ms; 0.8 x ideal needs <= %.2f ms",
                    Parallel.threads(), memory.millis(), memory.gigabytesPerSecond(), oneThread.gigabytesPerSecond(),
                    allocationMillis, compute.millis(), compute.multiplyAddsPerSecond() / 1e9,
                    memory.millis() + allocationMillis + compute.millis(), targetMillis);
        }
    }

    /**
     * Milliseconds of the best of {@code reps} calls of {@code kernel} after untimed calls at full size (at least one,
     * and as many as fit in {@value #WARM_MILLIS} ms, so a cheap kernel is compiled by C2 before it is timed, notes §2.4),
     * each timed call followed
     * by a timed call of {@code dense} whose best is kept in {@code denseBest[0]} (the pairs see the same machine load).
     */
    private static double interleaved(AttentionKernel kernel, AttentionKernel dense, double[] denseBest, Tensor q, Tensor k,
                                      Tensor v, int heads, int reps) {
        long warmStart = System.nanoTime();
        do {
            kernel.attend(q, k, v, heads);
        } while (System.nanoTime() - warmStart < WARM_MILLIS * 1_000_000L);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            best = Math.min(best, millis(kernel, q, k, v, heads));
            denseBest[0] = Math.min(denseBest[0], millis(dense, q, k, v, heads));
        }
        return best;
    }

    private static double millis(AttentionKernel kernel, Tensor q, Tensor k, Tensor v, int heads) {
        long t0 = System.nanoTime();
        kernel.attend(q, k, v, heads);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** {@value #SMALL_WARMUPS} calls of {@code kernel}, built for 2 frames, on random 2-frame inputs. */
    private static void warmUp(AttentionKernel kernel, int tokens, int heads, SplittableRandom r) {
        Tensor q = DitBlockBench.uniform(r, 1f, 1, 2 * (tokens + 1), heads * HEAD_DIM);
        for (int i = 0; i < SMALL_WARMUPS; i++) kernel.attend(q, q, q, heads);
    }
}
