package org.sculpt4d.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.backend.vector.VectorBackend;
import org.sculpt4d.tensor.oracle.NaiveGemm;

/**
 * Every backend's GEMM against the double-precision {@link NaiveGemm}, over random shapes (1, primes, and
 * non-multiples of the vector width and of the micro-kernel tile), both layouts of B, accumulate or not, random
 * offsets and padded row strides; plus a few larger shapes that cross the packed GEMM's block sizes, and the
 * determinism of the vector GEMM across thread counts.
 *
 * <p>Tolerance, per element: {@code |got − want| ≤ 1e-5 · (Σ_p |a_ip·b_pj| + |c_ij|)}. A float32 sum of k products
 * (fused or not, in any order) is within {@code k·u·Σ|a·b|} of the exact value, u = 2⁻²⁴ ≈ 6e-8: at most 8e-6 of the
 * magnitude for k ≤ 130, and in practice about {@code √k·u} (1.4e-6 at k = 513) since rounding errors do not all
 * point the same way. Relative to the magnitude and not to the result, because the result can cancel to near zero.
 *
 * <p>The arrays are bigger than the matrices: padding in A and B holds NaN (a kernel reading it poisons the result)
 * and padding in C holds a sentinel that must survive (a kernel writing past a row is caught); without
 * {@code accumulate}, C starts as NaN, so a kernel that reads it is caught too.
 */
class GemmProperties {
    static final List<Backend> BACKENDS = TestedBackends.all();
    static final double TOL = 1e-5;
    static final float SENTINEL = -12345.5f;

    @Property(tries = 250)
    void matchesOracle(@ForAll @IntRange(min = 1, max = 130) int m, @ForAll @IntRange(min = 1, max = 130) int n,
                       @ForAll @IntRange(min = 1, max = 130) int k, @ForAll boolean transB, @ForAll boolean accumulate,
                       @ForAll @IntRange(min = 0, max = 100_000) int seed) {
        Problem p = Problem.random(seed, m, n, k, transB, accumulate);
        for (Backend be : BACKENDS) p.check(be);
    }

    @Example
    void largerShapesMatchOracle() {
        int[][] shapes = {
                {300, 257, 513},  // several k-slices and row blocks, edge tiles on both sides
                {13, 4099, 37},   // several column blocks of the packed B, columns split between threads
                {1, 2048, 700},   // matrix-vector
                {2, 515, 97},
                {1000, 1, 70},    // one column of C
        };
        int seed = 1;
        for (int[] s : shapes) {
            for (boolean transB : new boolean[] {true, false}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    Problem p = Problem.random(seed++, s[0], s[1], s[2], transB, accumulate);
                    for (Backend be : BACKENDS) p.check(be);
                }
            }
        }
    }

    @Example
    void emptyDepthClearsOrKeepsC() {
        for (boolean accumulate : new boolean[] {false, true}) {
            Problem p = Problem.random(7, 5, 19, 0, true, accumulate);
            for (Backend be : BACKENDS) p.check(be);
        }
    }

    /**
     * The first call (interpreted or C1-compiled code) against calls after warm-up (C2) on 1, 2 and 3 threads: the
     * result must not depend on the thread count nor on which tier of the JIT ran the kernels.
     */
    @Example
    void vectorGemmIsBitIdenticalForAnyThreadCountAndWarmUp() {
        Backend be = new VectorBackend();
        int[][] shapes = {{200, 300, 400}, {1, 999, 300}, {5, 515, 77}, {131, 67, 29}, {300, 7, 200}};
        List<Problem> problems = new ArrayList<>();
        List<float[]> cold = new ArrayList<>();
        for (int[] s : shapes) {
            for (boolean transB : new boolean[] {true, false}) {
                Problem p = Problem.random(s[0] + s[1] + s[2], s[0], s[1], s[2], transB, true);
                problems.add(p);
                cold.add(Parallel.withThreads(1, () -> p.run(be)));
            }
        }
        for (int warmUp = 0; warmUp < 30; warmUp++) {
            for (Problem p : problems) p.run(be);
        }
        for (int threads : new int[] {1, 2, 3}) {
            for (int i = 0; i < problems.size(); i++) {
                Problem p = problems.get(i);
                float[] warm = Parallel.withThreads(threads, () -> p.run(be));
                assertArrayEquals(cold.get(i), warm, "threads=" + threads + " " + p);
            }
        }
    }

    /** A GEMM laid out in padded arrays at random offsets and row strides. */
    record Problem(int m, int n, int k, boolean transB, boolean accumulate,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {

        static Problem random(long seed, int m, int n, int k, boolean transB, boolean accumulate) {
            SplittableRandom r = new SplittableRandom(seed);
            int aOff = r.nextInt(8), lda = k + r.nextInt(6);
            int bRows = transB ? n : k, bCols = transB ? k : n;
            int bOff = r.nextInt(8), ldb = bCols + r.nextInt(6);
            int cOff = r.nextInt(8), ldc = n + r.nextInt(6);
            float[] a = matrix(r, aOff, m, k, lda, Float.NaN);
            float[] b = matrix(r, bOff, bRows, bCols, ldb, Float.NaN);
            float[] c = matrix(r, cOff, m, n, ldc, SENTINEL);
            if (!accumulate) {
                for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, Float.NaN);
            }
            return new Problem(m, n, k, transB, accumulate, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }

        /** Rows × cols of values in [-1, 1) at off with row stride ld; {@code pad} between and around the rows. */
        private static float[] matrix(SplittableRandom r, int off, int rows, int cols, int ld, float pad) {
            float[] x = new float[off + Math.max(0, rows - 1) * ld + cols + r.nextInt(4)];
            Arrays.fill(x, pad);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) x[off + i * ld + j] = (float) (r.nextDouble() * 2 - 1);
            }
            return x;
        }

        /** The backend's C after the call, from a copy of the initial C. */
        float[] run(Backend be) {
            float[] out = c.clone();
            be.gemm(m, n, k, a, aOff, lda, b, bOff, ldb, transB, out, cOff, ldc, accumulate);
            return out;
        }

        void check(Backend be) {
            float[] got = run(be);
            double[] want = NaiveGemm.reference(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
            double[] mag = NaiveGemm.magnitude(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
            boolean[] inside = new boolean[got.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int at = cOff + i * ldc + j;
                    inside[at] = true;
                    double w = want[i * n + j];
                    if (!(Math.abs(got[at] - w) <= TOL * mag[i * n + j])) {
                        fail(be.name() + " " + this + ": C[" + i + "," + j + "] = " + got[at] + ", want " + w);
                    }
                }
            }
            for (int at = 0; at < got.length; at++) {
                if (!inside[at] && Float.floatToRawIntBits(got[at]) != Float.floatToRawIntBits(SENTINEL)) {
                    fail(be.name() + " " + this + ": wrote " + got[at] + " outside C at index " + at);
                }
            }
        }

        @Override
        public String toString() {
            return "gemm m=" + m + " n=" + n + " k=" + k + " transB=" + transB + " accumulate=" + accumulate
                    + " aOff=" + aOff + " lda=" + lda + " bOff=" + bOff + " ldb=" + ldb + " cOff=" + cOff + " ldc=" + ldc;
        }
    }
}
