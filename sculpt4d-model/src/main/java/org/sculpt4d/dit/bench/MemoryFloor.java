package org.sculpt4d.dit.bench;

import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * The least time any attention kernel over q, k, v needs just to move its data on this machine, measured rather than
 * assumed: the best of a few streaming passes {@code o = q + k + v} (each array read once, the output written once,
 * in large contiguous runs on all threads), and the allocation of an output array. A kernel that also computes cannot
 * beat it; the temporal-only kernel is judged against it and {@link ComputeFloor} together.
 */
final class MemoryFloor {
    static final int PASSES = 10;

    /** Milliseconds of the best pass and the bandwidth it reached (bytes read and written per second). */
    record Result(double millis, double gigabytesPerSecond) {
    }

    /** Where each allocated array goes, so that the JIT cannot drop the allocation. */
    private static volatile float[] allocated;

    private MemoryFloor() {
    }

    /** The best of {@value #PASSES} passes over q, k, v (same shape) into a scratch output, on {@code threads}. */
    static Result measure(Tensor q, Tensor k, Tensor v, int threads) {
        float[] o = new float[q.size()];
        double best = Parallel.withThreads(threads, () -> {
            double b = Double.MAX_VALUE;
            for (int i = 0; i < PASSES; i++) {
                long t0 = System.nanoTime();
                pass(q, k, v, o);
                b = Math.min(b, (System.nanoTime() - t0) / 1e6);
            }
            return b;
        });
        double bytes = 4.0 * Float.BYTES * q.size();
        return new Result(best, bytes / (best * 1e6));
    }

    /** Milliseconds of the best of {@value #PASSES} allocations of a {@code floats}-long output (the JVM zeroes it). */
    static double allocationMillis(int floats) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < PASSES; i++) {
            long t0 = System.nanoTime();
            allocated = new float[floats];
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        allocated = null;
        return best;
    }

    private static void pass(Tensor q, Tensor k, Tensor v, float[] o) {
        float[] a = q.data(), b = k.data(), c = v.data();
        int qa = q.offset(), kb = k.offset(), vc = v.offset();
        Parallel.forRange(0, o.length, 1 << 16, (from, to) -> {
            for (int i = from; i < to; i++) o[i] = a[qa + i] + b[kb + i] + c[vc + i];
        });
    }
}
