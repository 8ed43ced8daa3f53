package org.sculpt4d.geometry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.sculpt4d.geometry.mc.IsoSurface;
import org.sculpt4d.geometry.mc.MarchingCubes;

/**
 * Marching-cubes throughput on the sphere field of geometry-references.md §1.3: {@code 0.5 − |p|} (positive inside)
 * sampled as float32 on {@code linspace(-1, 1, grid)} per axis, level 0. Mvox/s counts samples (grid³) per second of
 * the extraction call alone, best of {@value #REPS} after {@value #WARMUPS} warm-up calls, on one thread and on all
 * available processors. When {@code /usr/bin/python3} can import scikit-image (Debian {@code python3-skimage}), its
 * {@code measure.marching_cubes} (Lewiner, the extractor Hunyuan3D uses) is timed in the same run on the same field,
 * also best of {@value #REPS} after a warm-up, and the ratio Java single-thread / skimage is printed.
 *
 * <p>Output: a {@code #} line with details, then
 * {@code mc grid=<n> mvox_per_s=<1 thread> mvox_per_s_parallel=<all threads> threads=<t>
 * skimage_mvox_per_s=<..> ratio=<..>} (or {@code skimage=n/a}).
 *
 * <p>Run: {@code java -cp geometry/target/classes org.sculpt4d.geometry.bench.MarchingCubesBench [grid]}.
 */
public final class MarchingCubesBench {
    static final int WARMUPS = 5;
    static final int REPS = 7;
    private static final String PYTHON = "/usr/bin/python3";

    private MarchingCubesBench() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 256, System.out);
    }

    public static void run(int grid, PrintStream out) {
        float[] field = sphereField(grid);
        double mvox = (double) grid * grid * grid / 1e6;
        int threads = Runtime.getRuntime().availableProcessors();
        MarchingCubes single = new MarchingCubes().threads(1);
        MarchingCubes parallel = new MarchingCubes().threads(threads);
        IsoSurface s = null;
        for (int i = 0; i < WARMUPS; i++) {
            s = single.extract(field, grid, grid, grid);
            parallel.extract(field, grid, grid, grid);
        }
        double bestSingle = best(single, field, grid);
        double bestParallel = best(parallel, field, grid);
        double javaRate = mvox / bestSingle;
        double parallelRate = mvox / bestParallel;
        out.printf(Locale.ROOT, "# mc bench: sphere 0.5-|p| on linspace(-1,1,%d)^3, vertices=%d faces=%d euler=%d,"
                        + " best of %d after %d warm-ups: 1 thread %.1f ms, %d threads %.1f ms%n", grid,
                s.vertexCount(), s.faceCount(), s.eulerCharacteristic(), REPS, WARMUPS, bestSingle * 1e3, threads,
                bestParallel * 1e3);
        double skimageSeconds = skimageSeconds(field, grid);
        String sk = Double.isNaN(skimageSeconds) ? "skimage=n/a"
                : String.format(Locale.ROOT, "skimage_mvox_per_s=%.1f ratio=%.2f", mvox / skimageSeconds,
                        javaRate / (mvox / skimageSeconds));
        out.printf(Locale.ROOT, "mc grid=%d mvox_per_s=%.1f mvox_per_s_parallel=%.1f threads=%d %s%n", grid, javaRate,
                parallelRate, threads, sk);
    }

    /** {@code 0.5 − |p|} on linspace(-1, 1, n)³, x slowest, computed in double and stored as float32. */
    static float[] sphereField(int n) {
        float[] g = new float[n * n * n];
        double h = 2.0 / (n - 1);
        for (int i = 0; i < n; i++) {
            double x = -1 + h * i;
            for (int j = 0; j < n; j++) {
                double y = -1 + h * j;
                int base = (i * n + j) * n;
                for (int k = 0; k < n; k++) {
                    double z = -1 + h * k;
                    g[base + k] = (float) (0.5 - Math.sqrt(x * x + y * y + z * z));
                }
            }
        }
        return g;
    }

    private static double best(MarchingCubes mc, float[] field, int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < REPS; r++) {
            long t0 = System.nanoTime();
            mc.extract(field, n, n, n);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    /** Best skimage time in seconds on the same field, or NaN when python3 with skimage is not available. */
    static double skimageSeconds(float[] field, int n) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return Double.NaN;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("mc-bench-", ".f32");
            ByteBuffer buf = ByteBuffer.allocate(field.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(field);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            String script = String.join("\n",
                    "import sys, time, numpy as np",
                    "from skimage import measure",
                    "n = int(sys.argv[2])",
                    "f = np.fromfile(sys.argv[1], dtype='<f4').reshape(n, n, n)",
                    "measure.marching_cubes(f, 0.0)",
                    "best = float('inf')",
                    "for _ in range(int(sys.argv[3])):",
                    "    t0 = time.perf_counter(); measure.marching_cubes(f, 0.0)",
                    "    best = min(best, time.perf_counter() - t0)",
                    "print(best)");
            Process p = new ProcessBuilder(PYTHON, "-c", script, tmp.toString(), Integer.toString(n),
                    Integer.toString(REPS)).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    last = line.trim();
                }
            }
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Double.NaN;
            }
            if (p.exitValue() != 0 || last == null) {
                return Double.NaN;
            }
            return Double.parseDouble(last);
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
