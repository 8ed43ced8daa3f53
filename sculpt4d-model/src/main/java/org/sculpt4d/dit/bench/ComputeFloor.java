package org.sculpt4d.dit.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * The least time a kernel's multiply-adds need on this machine, measured rather than assumed: the best of a few runs of
 * a loop that does nothing but independent 256-bit FMAs (ten accumulators, more than the FMA latency times its
 * throughput), on every thread at once. A kernel that also loads, stores and branches cannot beat it; the temporal-only
 * kernel, whose memory traffic is as large as its arithmetic, is judged against it and {@link MemoryFloor} together.
 */
final class ComputeFloor {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_256;
    static final int RUNS = 10;
    /** FMA instructions per thread and run: about 16 ms at this machine's rate. */
    private static final int STEPS = 4_000_000, ACCUMULATORS = 10;
    /** Where each run's sum goes, so that the JIT cannot drop the loop. */
    private static volatile float sink;

    /** Milliseconds for {@code multiplyAdds} at the best rate measured, and that rate in multiply-adds per second. */
    record Result(double millis, double multiplyAddsPerSecond) {
    }

    private ComputeFloor() {
    }

    static Result measure(long multiplyAdds, int threads) {
        double best = Parallel.withThreads(threads, () -> {
            double b = Double.MAX_VALUE;
            for (int i = 0; i < RUNS + 1; i++) { // the first run compiles the loop
                long t0 = System.nanoTime();
                Parallel.forRange(0, threads, 1, (from, to) -> {
                    for (int t = from; t < to; t++) sink = fmaRun(t);
                });
                if (i > 0) b = Math.min(b, (System.nanoTime() - t0) / 1e9);
            }
            return b;
        });
        double rate = (double) threads * STEPS * ACCUMULATORS * SP.length() / best;
        return new Result(multiplyAdds / rate * 1e3, rate);
    }

    /** {@value #STEPS} × {@value #ACCUMULATORS} FMAs and their sum. */
    private static float fmaRun(int seed) {
        FloatVector a = FloatVector.broadcast(SP, 1e-6f * (seed + 1)), b = FloatVector.broadcast(SP, 0.5f);
        FloatVector c0 = FloatVector.zero(SP), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0;
        for (int i = 0; i < STEPS; i++) {
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).reduceLanes(VectorOperators.ADD);
    }
}
