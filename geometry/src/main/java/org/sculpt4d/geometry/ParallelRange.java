package org.sculpt4d.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task over [0, n) in chunks on a fixed number of daemon worker threads; chunks are handed out in order. Used by
 * marching cubes (slabs), the distance, winding-number and metrics code; a task writing only its own indices gives
 * thread-count-independent results.
 */
public final class ParallelRange {
    /** Work on the index range [from, to). */
    public interface Chunk {
        void run(int from, int to);
    }

    private ParallelRange() {
    }

    public static void run(int n, int chunk, int threads, Chunk task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int chunks = (n + chunk - 1) / chunk;
        int workers = Math.min(threads, chunks);
        if (workers <= 1) {
            if (n > 0) {
                task.run(0, n);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "geometry-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                        task.run(c * chunk, Math.min(n, (c + 1) * chunk));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
