package org.sculpt4d.geometry.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.query.Bvh;
import org.sculpt4d.geometry.query.BvhQuery;

/**
 * Closest-point throughput of {@link Bvh} (issue target: ≥ 1M queries/s on a 100k-triangle mesh). The mesh is a bumpy
 * torus, {@code n × m} parameter grid split into {@code 2nm} triangles, radii R = 1 and r = 0.4 + 0.05 sin(5u) cos(7w).
 * Three query sets of about {@value #QUERIES} points: seeded uniform random points in the mesh box padded by 10 %
 * (random order, the hardest case: points in the torus hole are nearly equidistant from a whole ring of triangles),
 * near the surface (a random vertex moved by Gaussian noise of σ = 0.02), and the cell centres of a grid over the
 * padded box in scan order (the coherent workload of a distance grid). Rate = queries per second of wall time, best of {@value #REPS}
 * after {@value #WARMUPS} warm-ups, on one thread and on all available processors (one {@link BvhQuery} per thread);
 * also queries per second of the single thread's CPU time, the figure that a machine shared with other jobs
 * understates least.
 *
 * <p>Output: a {@code #} line with the mesh and BVH, then per query set
 * {@code bvh set=<uniform|near|grid> faces=<F> qps=<1 thread> qps_per_cpu_s=<1 thread, CPU time> qps_parallel=<all>
 * threads=<t>}.
 */
public final class BvhBench {
    static final int QUERIES = 100_000;
    static final int WARMUPS = 2;
    static final int REPS = 3;

    private BvhBench() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000, System.out);
    }

    /** Benchmarks a bumpy torus of about {@code faces} triangles. */
    public static void run(int faces, PrintStream out) {
        int n = Math.max(3, (int) Math.round(Math.sqrt(faces / 2.0 * 1.25)));
        int m = Math.max(3, (int) Math.round(faces / 2.0 / n));
        TriangleMesh mesh = bumpyTorus(n, m);
        long t0 = System.nanoTime();
        Bvh bvh = new Bvh(mesh);
        double buildMs = (System.nanoTime() - t0) / 1e6;
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "# bvh bench: bumpy torus %dx%d, faces=%d nodes=%d build_ms=%.1f queries=%d%n",
                n, m, mesh.faceCount(), bvh.nodeCount(), buildMs, QUERIES);
        SplittableRandom r = new SplittableRandom(7);
        double[] uniform = new double[3 * QUERIES];
        double[] b = bvh.bounds();
        for (int i = 0; i < uniform.length; i++) {
            int d = i % 3;
            double pad = 0.1 * (b[3 + d] - b[d]);
            uniform[i] = b[d] - pad + r.nextDouble() * (b[3 + d] - b[d] + 2 * pad);
        }
        double[] near = new double[3 * QUERIES];
        float[] p = mesh.positions();
        for (int i = 0; i < QUERIES; i++) {
            int v = r.nextInt(mesh.vertexCount());
            for (int d = 0; d < 3; d++) near[3 * i + d] = p[3 * v + d] + 0.02 * gaussian(r);
        }
        // the distance-grid workload: the same box in scan order (x slowest), so consecutive queries are neighbours
        int g = (int) Math.cbrt(QUERIES);
        double[] grid = new double[3 * g * g * g];
        int k = 0;
        for (int i = 0; i < g; i++) {
            for (int j = 0; j < g; j++) {
                for (int l = 0; l < g; l++) {
                    int[] idx = {i, j, l};
                    for (int d = 0; d < 3; d++) {
                        double pad = 0.1 * (b[3 + d] - b[d]);
                        grid[k++] = b[d] - pad + (idx[d] + 0.5) / g * (b[3 + d] - b[d] + 2 * pad);
                    }
                }
            }
        }
        report("uniform", bvh, uniform, threads, out);
        report("near", bvh, near, threads, out);
        report("grid", bvh, grid, threads, out);
    }

    private static void report(String set, Bvh bvh, double[] points, int threads, PrintStream out) {
        for (int i = 0; i < WARMUPS; i++) {
            time(bvh, points, 1);
            time(bvh, points, threads);
        }
        double single = Double.POSITIVE_INFINITY, singleCpu = Double.POSITIVE_INFINITY;
        double parallel = Double.POSITIVE_INFINITY;
        for (int i = 0; i < REPS; i++) {
            double[] one = time(bvh, points, 1);
            single = Math.min(single, one[0]);
            singleCpu = Math.min(singleCpu, one[1]);
            parallel = Math.min(parallel, time(bvh, points, threads)[0]);
        }
        int q = points.length / 3;
        out.printf(Locale.ROOT, "bvh set=%s faces=%d qps=%.0f qps_per_cpu_s=%.0f qps_parallel=%.0f threads=%d%n", set,
                bvh.faceCount(), q / single, q / singleCpu, q / parallel, threads);
    }

    /**
     * Wall seconds and summed thread CPU seconds to answer every query, split into contiguous blocks over
     * {@code threads} threads.
     */
    private static double[] time(Bvh bvh, double[] points, int threads) {
        int q = points.length / 3;
        double[] sink = new double[threads];
        long[] cpu = new long[threads];
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Thread[] workers = new Thread[threads];
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int id = w, from = (int) ((long) q * w / threads), to = (int) ((long) q * (w + 1) / threads);
            workers[w] = new Thread(() -> {
                long c0 = mx.getCurrentThreadCpuTime();
                BvhQuery query = bvh.query();
                double s = 0;
                for (int i = from; i < to; i++) {
                    query.closest(points[3 * i], points[3 * i + 1], points[3 * i + 2]);
                    s += query.distance();
                }
                sink[id] = s;
                cpu[id] = mx.getCurrentThreadCpuTime() - c0;
            });
            workers[w].start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("bvh bench interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double total = 0;
        for (double s : sink) total += s;
        if (Double.isNaN(total)) throw new IllegalStateException("NaN distance in bvh bench");
        long cpuTotal = 0;
        for (long c : cpu) cpuTotal += c;
        return new double[] {seconds, cpuTotal / 1e9};
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Closed torus around z with a bumpy tube radius; each grid quad split into two outward triangles. */
    static TriangleMesh bumpyTorus(int n, int m) {
        float[] p = new float[3 * n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double u = 2 * Math.PI * i / n, w = 2 * Math.PI * j / m;
                double tube = 0.4 + 0.05 * Math.sin(5 * u) * Math.cos(7 * w);
                int v = i * m + j;
                p[3 * v] = (float) ((1 + tube * Math.cos(w)) * Math.cos(u));
                p[3 * v + 1] = (float) ((1 + tube * Math.cos(w)) * Math.sin(u));
                p[3 * v + 2] = (float) (tube * Math.sin(w));
            }
        }
        int[] f = new int[6 * n * m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int a = i * m + j, b = (i + 1) % n * m + j, c = (i + 1) % n * m + (j + 1) % m, d = i * m + (j + 1) % m;
                f[k++] = a;
                f[k++] = b;
                f[k++] = c;
                f[k++] = a;
                f[k++] = c;
                f[k++] = d;
            }
        }
        return new TriangleMesh(p, f);
    }
}
