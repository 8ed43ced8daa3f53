package org.sculpt4d.tensor.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.Supplier;

/**
 * The one thread pool of the process, sized to the machine ({@code -Dsculpt4d.threads=N} overrides), and a
 * parallel loop over an index range.
 *
 * <p>Determinism: the range is cut into chunks and every index is computed by the same code whatever chunk it
 * falls in; kernels never combine partial results across chunks, so outputs are bit-identical for any thread
 * count ({@link #withThreads} lets tests check that).
 */
public final class Parallel {
    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private static volatile int threads = Integer.getInteger("sculpt4d.threads", Runtime.getRuntime().availableProcessors());
    private static volatile ForkJoinPool pool = newPool(threads);

    private Parallel() {
    }

    /** Number of worker threads. */
    public static int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [from, to)} in chunks of at least {@code grain} indices, in parallel when the
     * range is big enough and the caller is not already a pool worker (nested loops run serially).
     */
    public static void forRange(int from, int to, int grain, RangeBody body) {
        int n = to - from;
        if (n <= 0) return;
        int g = Math.max(1, grain);
        ForkJoinPool p = pool;
        if (p == null || n <= g || isWorkerOf(p)) {
            body.run(from, to);
            return;
        }
        // about 4 chunks per thread for balance, never smaller than the grain
        int chunks = (int) Math.min((long) threads * 4, (n + g - 1) / g);
        p.invoke(new Chunks(from, to, chunks, body, 0, chunks));
    }

    /** Runs {@code task} with the pool resized to {@code n} threads, then restores it (tests and benchmarks). */
    public static synchronized <T> T withThreads(int n, Supplier<T> task) {
        int oldThreads = threads;
        ForkJoinPool oldPool = pool;
        threads = n;
        pool = newPool(n);
        try {
            return task.get();
        } finally {
            if (pool != null) pool.shutdown();
            threads = oldThreads;
            pool = oldPool;
        }
    }

    private static ForkJoinPool newPool(int n) {
        return n > 1 ? new ForkJoinPool(n) : null;
    }

    private static boolean isWorkerOf(ForkJoinPool p) {
        return Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == p;
    }

    private static final class Chunks extends RecursiveAction {
        private final int from, to, chunks, lo, hi;
        private final RangeBody body;

        Chunks(int from, int to, int chunks, RangeBody body, int lo, int hi) {
            this.from = from;
            this.to = to;
            this.chunks = chunks;
            this.body = body;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                long n = to - from;
                body.run(from + (int) (n * lo / chunks), from + (int) (n * hi / chunks));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunks(from, to, chunks, body, lo, mid), new Chunks(from, to, chunks, body, mid, hi));
        }
    }
}
