package org.sculpt4d.tensor.backend;

import org.sculpt4d.tensor.BlockMask;

/**
 * Plain-Java kernels: the fallback when the Vector API module is absent ({@code -Dsculpt4d.backend=scalar} forces
 * it), and the base every faster backend overrides piece by piece. Parallel over rows on all cores.
 */
public class ScalarBackend implements Backend {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        Parallel.forRange(0, m, Math.max(1, 16384 / Math.max(1, n * Math.max(1, k) / 64)), (from, to) -> {
            for (int i = from; i < to; i++) {
                int ci = cOff + i * ldc;
                int ai = aOff + i * lda;
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        int bj = bOff + j * ldb;
                        float s = 0;
                        for (int p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
                        c[ci + j] = accumulate ? c[ci + j] + s : s;
                    }
                } else {
                    if (!accumulate) java.util.Arrays.fill(c, ci, ci + n, 0f);
                    for (int p = 0; p < k; p++) {
                        float ap = a[ai + p];
                        int bp = bOff + p * ldb;
                        for (int j = 0; j < n; j++) c[ci + j] += ap * b[bp + j];
                    }
                }
            }
        });
    }

    @Override
    public void attention(int nq, int nk, int heads, int headDim, float scale, float[] q, int qOff, int ldq,
                          float[] k, int kOff, int ldk, float[] v, int vOff, int ldv, float[] o, int oOff, int ldo,
                          BlockMask mask) {
        checkMask(mask, nq, nk);
        if (nq <= 0 || heads <= 0 || headDim <= 0) return;
        // one work item per (query row, head); keys are visited in ascending order whatever the thread count
        Parallel.forRange(0, nq * heads, 8, (from, to) -> {
            float[] acc = new float[headDim];
            for (int row = from; row < to; row++) {
                int i = row / heads, h = row % heads;
                int qi = qOff + i * ldq + h * headDim;
                // online softmax: running max m, running sum l, unnormalised accumulator acc
                float m = Float.NEGATIVE_INFINITY, l = 0;
                java.util.Arrays.fill(acc, 0f);
                int[] kept = mask == null ? null : mask.keptKeyBlocks(queryBlockOf(mask, i));
                int spans = mask == null ? 1 : kept.length;
                for (int s = 0; s < spans; s++) {
                    int k0 = mask == null ? 0 : mask.keyStart(kept[s]);
                    int k1 = mask == null ? nk : mask.keyStart(kept[s] + 1);
                    for (int j = k0; j < k1; j++) {
                        int kj = kOff + j * ldk + h * headDim;
                        float dot = 0;
                        for (int d = 0; d < headDim; d++) dot += q[qi + d] * k[kj + d];
                        float sc = dot * scale;
                        int vj = vOff + j * ldv + h * headDim;
                        if (sc > m) {
                            // new maximum: rescale what was summed so far by exp(m_old - m_new) (0 for the first key)
                            float corr = (float) Math.exp(m - sc);
                            l = l * corr + 1f;
                            for (int d = 0; d < headDim; d++) acc[d] = acc[d] * corr + v[vj + d];
                            m = sc;
                        } else {
                            float p = (float) Math.exp(sc - m);
                            l += p;
                            for (int d = 0; d < headDim; d++) acc[d] += p * v[vj + d];
                        }
                    }
                }
                int oi = oOff + i * ldo + h * headDim;
                float inv = l > 0 ? 1f / l : 0f; // no kept key: zeros
                for (int d = 0; d < headDim; d++) o[oi + d] = acc[d] * inv;
            }
        });
    }

    /** The query block holding query {@code i} (binary search over the block starts). */
    private static int queryBlockOf(BlockMask mask, int i) {
        int lo = 0, hi = mask.queryBlocks() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (mask.queryStart(mid) <= i) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** Throws unless {@code mask} is null or covers exactly {@code nq × nk}. */
    protected static void checkMask(BlockMask mask, int nq, int nk) {
        if (mask != null && (mask.queryCount() != nq || mask.keyCount() != nk)) {
            throw new IllegalArgumentException("block mask covers " + mask.queryCount() + "×" + mask.keyCount()
                    + " but attention is " + nq + "×" + nk);
        }
    }

    /** Throws unless a broadcast operand of {@code bRows} rows fits {@code rows}: one row or as many. */
    protected static void checkBroadcast(int rows, int bRows) {
        if (bRows != rows && bRows != 1) {
            throw new IllegalArgumentException("broadcast operand has " + bRows + " rows for " + rows);
        }
    }

    @Override
    public void layerNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float[] beta, float eps, float[] y, int yOff) {
        Parallel.forRange(0, rows, Math.max(1, 4096 / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int xi = xOff + r * cols, yi = yOff + r * cols;
                double mean = 0;
                for (int j = 0; j < cols; j++) mean += x[xi + j];
                mean /= cols;
                double var = 0;
                for (int j = 0; j < cols; j++) {
                    double d = x[xi + j] - mean;
                    var += d * d;
                }
                var /= cols;
                float mu = (float) mean;
                float inv = (float) (1.0 / Math.sqrt(var + eps));
                for (int j = 0; j < cols; j++) {
                    float t = (x[xi + j] - mu) * inv;
                    if (gamma != null) t *= gamma[j];
                    if (beta != null) t += beta[j];
                    y[yi + j] = t;
                }
            }
        });
    }

    @Override
    public void rmsNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float eps, float[] y, int yOff) {
        Parallel.forRange(0, rows, Math.max(1, 4096 / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int xi = xOff + r * cols, yi = yOff + r * cols;
                double ss = 0;
                for (int j = 0; j < cols; j++) ss += (double) x[xi + j] * x[xi + j];
                float inv = (float) (1.0 / Math.sqrt(ss / cols + eps));
                for (int j = 0; j < cols; j++) {
                    float t = x[xi + j] * inv;
                    y[yi + j] = gamma != null ? t * gamma[j] : t;
                }
            }
        });
    }

    @Override
    public void softmaxRows(int rows, int cols, float[] x, int xOff) {
        Parallel.forRange(0, rows, Math.max(1, 4096 / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int xi = xOff + r * cols;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) max = Math.max(max, x[xi + j]);
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    float e = (float) Math.exp(x[xi + j] - max);
                    x[xi + j] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int j = 0; j < cols; j++) x[xi + j] *= inv;
            }
        });
    }

    @Override
    public void map(UnaryOp op, int n, float[] x, int xOff, float[] y, int yOff) {
        Parallel.forRange(0, n, 8192, (from, to) -> {
            for (int i = from; i < to; i++) y[yOff + i] = op.apply(x[xOff + i]);
        });
    }

    @Override
    public void binary(BinaryOp op, int rows, int cols, float[] a, int aOff, float[] b, int bOff, int bRows,
                       float[] out, int outOff) {
        checkBroadcast(rows, bRows);
        Parallel.forRange(0, rows, Math.max(1, 8192 / Math.max(1, cols)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int ai = aOff + r * cols, oi = outOff + r * cols, bi = bOff + (bRows == 1 ? 0 : r * cols);
                for (int j = 0; j < cols; j++) out[oi + j] = op.apply(a[ai + j], b[bi + j]);
            }
        });
    }
}
