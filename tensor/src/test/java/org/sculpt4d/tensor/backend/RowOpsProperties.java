package org.sculpt4d.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.special.Erf;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.backend.vector.VectorBackend;
import org.sculpt4d.tensor.oracle.NaiveOps;
import org.sculpt4d.tensor.oracle.RandomTensors;

/**
 * Every backend's row kernels (norms, softmax, elementwise maps, broadcasting binaries) against the double-precision
 * oracle in {@link NaiveOps}, on awkward sizes (1, primes, non-multiples of the vector width).
 *
 * <p>Tolerance: these kernels do O(cols) float32 operations per output, so the error is a few ulp of the output
 * scale; 2e-6 relative to max(1, |want|) leaves room for that with cols ≤ 2000 while catching any formula slip.
 */
class RowOpsProperties {
    static final List<Backend> BACKENDS = TestedBackends.all();
    static final double TOL = 2e-6;

    static void near(double want, float got, double tol, String what) {
        assertEquals(want, got, tol * Math.max(1, Math.abs(want)), what);
    }

    @Property(tries = 60)
    void layerNormMatchesOracle(@ForAll @IntRange(min = 1, max = 9) int rows, @ForAll @IntRange(min = 1, max = 1031) int cols,
                                @ForAll boolean affine, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = RandomTensors.uniform(seed, 3f, rows, cols);
        float[] g = affine ? RandomTensors.uniform(seed + 1, 2f, cols).data() : null;
        float[] b = affine ? RandomTensors.uniform(seed + 2, 2f, cols).data() : null;
        for (Backend be : BACKENDS) {
            float[] y = new float[rows * cols + 3];
            be.layerNorm(rows, cols, x.data(), 0, g, b, 1e-6f, y, 3);
            for (int r = 0; r < rows; r++) {
                double[] want = NaiveOps.layerNorm(x.select(r).toArray(), g, b, 1e-6);
                for (int j = 0; j < cols; j++) near(want[j], y[3 + r * cols + j], 1e-5, be.name() + " LN");
            }
        }
    }

    @Property(tries = 40)
    void layerNormWithoutAffineHasMeanZeroAndUnitVariance(@ForAll @IntRange(min = 2, max = 777) int cols,
                                                          @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = RandomTensors.uniform(seed, 50f, 3, cols);
        for (Backend be : BACKENDS) {
            float[] y = new float[3 * cols];
            be.layerNorm(3, cols, x.data(), 0, null, null, 0f, y, 0);
            for (int r = 0; r < 3; r++) {
                double mean = 0, var = 0;
                for (int j = 0; j < cols; j++) mean += y[r * cols + j];
                mean /= cols;
                for (int j = 0; j < cols; j++) var += (y[r * cols + j] - mean) * (y[r * cols + j] - mean);
                var /= cols;
                assertEquals(0, mean, 1e-5, be.name());
                assertEquals(1, var, 1e-4, be.name());
            }
        }
    }

    @Property(tries = 40)
    void rmsNormMatchesOracle(@ForAll @IntRange(min = 1, max = 5) int rows, @ForAll @IntRange(min = 1, max = 300) int cols,
                              @ForAll boolean affine, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = RandomTensors.uniform(seed, 4f, rows, cols);
        float[] g = affine ? RandomTensors.uniform(seed + 7, 2f, cols).data() : null;
        for (Backend be : BACKENDS) {
            float[] y = new float[rows * cols];
            be.rmsNorm(rows, cols, x.data(), 0, g, 1e-6f, y, 0);
            for (int r = 0; r < rows; r++) {
                double[] want = NaiveOps.rmsNorm(x.select(r).toArray(), g, 1e-6);
                for (int j = 0; j < cols; j++) near(want[j], y[r * cols + j], 1e-5, be.name() + " RMS");
            }
        }
    }

    @Property(tries = 60)
    void softmaxRowsSumToOneAndMatchOracle(@ForAll @IntRange(min = 1, max = 7) int rows,
                                           @ForAll @IntRange(min = 1, max = 2000) int cols,
                                           @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = RandomTensors.uniform(seed, 30f, rows, cols);
        for (Backend be : BACKENDS) {
            float[] y = x.toArray();
            be.softmaxRows(rows, cols, y, 0);
            for (int r = 0; r < rows; r++) {
                double[] want = NaiveOps.softmax(x.select(r).toArray());
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    sum += y[r * cols + j];
                    assertEquals(want[j], y[r * cols + j], 1e-6 * Math.max(1e-3, want[j]) + 1e-9, be.name());
                }
                assertEquals(1.0, sum, 1e-5, be.name() + " row sum");
            }
        }
    }

    @Property(tries = 40)
    void mapsMatchTheirDefinitions(@ForAll @IntRange(min = 1, max = 3000) int n, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor x = RandomTensors.uniform(seed, 8f, n);
        for (Backend be : BACKENDS) {
            for (UnaryOp op : UnaryOp.values()) {
                float[] y = new float[n + 5];
                be.map(op, n, x.data(), 0, y, 5);
                for (int i = 0; i < n; i++) {
                    double v = x.data()[i];
                    double want;
                    switch (op) {
                        case GELU: want = NaiveOps.gelu(v, Erf::erf); break;
                        case SILU: want = NaiveOps.silu(v); break;
                        case SIN: want = Math.sin(v); break;
                        case COS: want = Math.cos(v); break;
                        default: want = Math.exp(v);
                    }
                    near(want, y[5 + i], TOL, be.name() + " " + op + "(" + v + ")");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void vectorActivationsAreBitIdenticalForAnyThreadCount() {
        Tensor x = RandomTensors.uniform(11, 6f, 50_001);
        Backend be = new VectorBackend();
        for (UnaryOp op : UnaryOp.values()) {
            float[][] out = new float[3][];
            for (int t = 1; t <= 3; t++) {
                int threads = t;
                out[t - 1] = Parallel.withThreads(threads, () -> {
                    float[] y = new float[x.size()];
                    be.map(op, x.size(), x.data(), 0, y, 0);
                    return y;
                });
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(out[0], out[1], op.name());
            org.junit.jupiter.api.Assertions.assertArrayEquals(out[0], out[2], op.name());
        }
    }

    @Property(tries = 40)
    void binaryBroadcastsOneRow(@ForAll @IntRange(min = 1, max = 9) int rows, @ForAll @IntRange(min = 1, max = 150) int cols,
                                @ForAll boolean broadcast, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Tensor a = RandomTensors.uniform(seed, 5f, rows, cols);
        int bRows = broadcast ? 1 : rows;
        Tensor b = RandomTensors.uniform(seed + 3, 5f, bRows, cols);
        for (Backend be : BACKENDS) {
            for (BinaryOp op : BinaryOp.values()) {
                float[] out = new float[rows * cols];
                be.binary(op, rows, cols, a.data(), 0, b.data(), 0, bRows, out, 0);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < cols; j++) {
                        float av = a.data()[r * cols + j], bv = b.data()[(broadcast ? 0 : r) * cols + j];
                        assertEquals(op.apply(av, bv), out[r * cols + j], 0f, be.name() + " " + op);
                    }
                }
            }
        }
    }
}
