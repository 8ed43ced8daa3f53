package org.sculpt4d.tensor.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.Backends;

/**
 * fp32 GEMM throughput of the current backend against OpenBLAS, measured in the same run: for each square N, the
 * backend's {@code C = A·Bᵀ} (the weight layout) and numpy's {@code a @ b.T} in float32 through {@code /usr/bin/python3}
 * (another interpreter with {@code -Dsculpt4d.bench.python=PATH}). Both count 2·N³ flops and report the best of at
 * least {@value #REPS} timed calls (and at least {@value #MIN_TIMED_S} s) after at least {@value #WARMUPS} warm-up
 * calls (and {@value #MIN_WARMUP_S} s), on all cores.
 *
 * <p>Output, one line per size: {@code gemm N=<n> java=<GFLOP/s> openblas=<GFLOP/s> ratio=<java/openblas>}. The
 * baseline is {@code n/a} when python3 or numpy is missing, or when numpy is not linked to OpenBLAS (Debian's numpy
 * runs on whatever {@code libblas.so.3} the alternatives system points to, the reference BLAS being some 40 times
 * slower); the reason then goes to stderr.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp tensor/target/classes
 * org.sculpt4d.tensor.bench.GemmBench [N...]} (default 256 512 1024 2048).
 */
public final class GemmBench {
    static final int WARMUPS = 5;
    static final int REPS = 5;
    static final double MIN_WARMUP_S = 0.5;
    static final double MIN_TIMED_S = 1.0;

    /** Prints numpy's float32 GFLOP/s for {@code a @ b.T} at N = argv[1], or exits non-zero with the reason. */
    private static final String NUMPY_PROGRAM = String.join("\n",
            "import sys, time",
            "try:",
            "    import numpy as np",
            "except ImportError:",
            "    sys.exit('numpy is missing')",
            "try:",
            "    libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower()})",
            "except OSError:",
            "    libs = ['openblas (assumed: no /proc/self/maps; numpy wheels bundle OpenBLAS)']",
            "if not any('openblas' in l.lower() for l in libs):",
            "    sys.exit('numpy uses ' + (', '.join(libs) or 'no BLAS library') + ', not OpenBLAS')",
            "n = int(sys.argv[1])",
            "rng = np.random.default_rng(42)",
            "a = rng.random((n, n), dtype=np.float32) - 0.5",
            "b = rng.random((n, n), dtype=np.float32) - 0.5",
            "def once():",
            "    t = time.perf_counter()",
            "    a @ b.T",
            "    return time.perf_counter() - t",
            "spent, calls = 0.0, 0",
            "while calls < " + WARMUPS + " or spent < " + MIN_WARMUP_S + ":",
            "    spent, calls = spent + once(), calls + 1",
            "times = []",
            "while len(times) < " + REPS + " or sum(times) < " + MIN_TIMED_S + ":",
            "    times.append(once())",
            "print(2.0 * n ** 3 / min(times) / 1e9)");

    private GemmBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {256, 512, 1024, 2048};
        run(sizes, System.out);
    }

    /** One line per size: the current backend's and OpenBLAS's GFLOP/s for the N × N × N product, and their ratio. */
    public static void run(int[] sizes, PrintStream out) {
        Backend be = Backends.current();
        String python = System.getProperty("sculpt4d.bench.python", "/usr/bin/python3");
        for (int n : sizes) {
            double java = javaGflops(be, n);
            double blas = openblasGflops(python, n);
            if (Double.isNaN(blas)) {
                out.printf(Locale.ROOT, "gemm N=%d java=%.1f openblas=n/a ratio=n/a%n", n, java);
            } else {
                out.printf(Locale.ROOT, "gemm N=%d java=%.1f openblas=%.1f ratio=%.2f%n", n, java, blas, java / blas);
            }
        }
    }

    static double javaGflops(Backend be, int n) {
        SplittableRandom r = new SplittableRandom(42);
        float[] a = random(r, n * n), b = random(r, n * n), c = new float[n * n];
        double spent = 0;
        for (int calls = 0; calls < WARMUPS || spent < MIN_WARMUP_S; calls++) spent += seconds(be, n, a, b, c);
        double best = Double.MAX_VALUE, total = 0;
        for (int reps = 0; reps < REPS || total < MIN_TIMED_S; reps++) {
            double t = seconds(be, n, a, b, c);
            best = Math.min(best, t);
            total += t;
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    private static double seconds(Backend be, int n, float[] a, float[] b, float[] c) {
        long t0 = System.nanoTime();
        be.gemm(n, n, n, a, 0, n, b, 0, n, true, c, 0, n, false);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** numpy's GFLOP/s at N, or NaN (with the reason on stderr) when there is no OpenBLAS-backed numpy. */
    static double openblasGflops(String python, int n) {
        try {
            Process p = new ProcessBuilder(python, "-c", NUMPY_PROGRAM, Integer.toString(n)).start();
            String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0) return Double.parseDouble(stdout);
            System.err.println("gemm bench: no OpenBLAS baseline: " + stderr);
        } catch (IOException | NumberFormatException e) {
            System.err.println("gemm bench: no OpenBLAS baseline: " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
