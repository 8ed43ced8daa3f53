package org.sculpt4d.tensor;

import java.util.Arrays;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.BinaryOp;
import org.sculpt4d.tensor.backend.Parallel;
import org.sculpt4d.tensor.backend.UnaryOp;

/**
 * The tensor operations the models are written in. Shapes are checked here, with errors that name both shapes;
 * the arithmetic runs on {@link Backends#current()}. Every operation returns a new tensor unless its name ends in
 * {@code Into} (explicit output, as in EJML) or {@code InPlace}.
 */
public final class Ops {
    private Ops() {
    }

    private static Backend be() {
        return Backends.current();
    }

    // ---------------------------------------------------------------- matrix products

    /** Marks {@code t}'s data as never changing again (see {@link org.sculpt4d.tensor.backend.Backend#constant}). */
    public static Tensor constant(Tensor t) {
        be().constant(t.data());
        return t;
    }

    /** {@code x·wᵀ + bias} over the last axis: {@code x [..., in]}, {@code w [out, in]} (PyTorch layout), {@code bias [out]} or null. */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        if (w.rank() != 2 || x.cols() != w.dim(1)) {
            throw new IllegalArgumentException("linear: input " + Arrays.toString(x.shape()) + " does not match weight "
                    + Arrays.toString(w.shape()) + " ([out, in])");
        }
        int[] s = x.shape();
        s[s.length - 1] = w.dim(0);
        Tensor y = Tensor.zeros(s);
        return linearInto(x, w, bias, y);
    }

    /** {@link #linear} into {@code y [..., out]}. */
    public static Tensor linearInto(Tensor x, Tensor w, Tensor bias, Tensor y) {
        int in = w.dim(1), out = w.dim(0), rows = x.rows();
        if (x.cols() != in || y.cols() != out || y.rows() != rows) {
            throw new IllegalArgumentException("linear: " + Arrays.toString(x.shape()) + " · " + Arrays.toString(w.shape())
                    + "ᵀ into " + Arrays.toString(y.shape()));
        }
        if (bias != null && bias.size() != out) {
            throw new IllegalArgumentException("linear: bias " + Arrays.toString(bias.shape()) + " for " + out + " outputs");
        }
        be().gemm(rows, out, in, x.data(), x.offset(), in, w.data(), w.offset(), in, true, y.data(), y.offset(), out, false);
        if (bias != null) be().binary(BinaryOp.ADD, rows, out, y.data(), y.offset(), bias.data(), bias.offset(), 1, y.data(), y.offset());
        return y;
    }

    /** Batched {@code a·b}: {@code a [..., m, k]}, {@code b [..., k, n]} with the same batch dims, or {@code b [k, n]} shared. */
    public static Tensor matmul(Tensor a, Tensor b) {
        return batchedProduct(a, b, false);
    }

    /** Batched {@code a·bᵀ} without materialising the transpose: {@code a [..., m, k]}, {@code b [..., n, k]} or {@code [n, k]}. */
    public static Tensor matmulTransB(Tensor a, Tensor b) {
        return batchedProduct(a, b, true);
    }

    private static Tensor batchedProduct(Tensor a, Tensor b, boolean transB) {
        String op = transB ? "matmulTransB" : "matmul";
        if (a.rank() < 2 || b.rank() < 2) {
            throw new IllegalArgumentException(op + ": operands must have rank >= 2, got " + Arrays.toString(a.shape())
                    + " and " + Arrays.toString(b.shape()));
        }
        int m = a.dim(-2), k = a.dim(-1);
        int bk = transB ? b.dim(-1) : b.dim(-2), n = transB ? b.dim(-2) : b.dim(-1);
        int batch = a.size() / Math.max(1, m * k);
        int bBatch = b.size() / Math.max(1, bk * n);
        boolean shared = b.rank() == 2;
        boolean sameBatch = Arrays.equals(Arrays.copyOf(a.shape(), a.rank() - 2), Arrays.copyOf(b.shape(), b.rank() - 2));
        if (bk != k || !(shared || sameBatch)) {
            throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape())
                    + " do not match");
        }
        int[] s = a.shape();
        s[s.length - 1] = n;
        Tensor c = Tensor.zeros(s);
        if (shared && batch > 1) { // one product over all rows of a
            be().gemm(batch * m, n, k, a.data(), a.offset(), k, b.data(), b.offset(), transB ? k : n, transB,
                    c.data(), c.offset(), n, false);
            return c;
        }
        for (int i = 0; i < batch; i++) {
            int bi = shared ? 0 : i;
            be().gemm(m, n, k, a.data(), a.offset() + i * m * k, k, b.data(), b.offset() + bi * bk * n,
                    transB ? k : n, transB, c.data(), c.offset() + i * m * n, n, false);
        }
        assert shared || bBatch == batch;
        return c;
    }

    // ---------------------------------------------------------------- attention

    /**
     * Multi-head scaled dot-product attention with scale {@code 1/√headDim}: {@code q [..., nq, heads·d]},
     * {@code k, v [..., nk, heads·d]} with the same leading dims; head h is columns {@code [h·d, (h+1)·d)}.
     * {@code mask} (null: dense) applies to every leading index.
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, int heads, BlockMask mask) {
        if (q.rank() < 2 || !k.sameShape(v) || k.rank() != q.rank() || q.cols() != k.cols() || q.cols() % heads != 0
                || !Arrays.equals(Arrays.copyOf(q.shape(), q.rank() - 2), Arrays.copyOf(k.shape(), k.rank() - 2))) {
            throw new IllegalArgumentException("attention: q " + Arrays.toString(q.shape()) + ", k " + Arrays.toString(k.shape())
                    + ", v " + Arrays.toString(v.shape()) + " with " + heads + " heads");
        }
        int nq = q.dim(-2), nk = k.dim(-2), width = q.cols(), d = width / heads;
        int batch = q.rows() / Math.max(1, nq);
        Tensor o = Tensor.zeros(q.shape());
        float scale = (float) (1.0 / Math.sqrt(d));
        for (int b = 0; b < batch; b++) {
            be().attention(nq, nk, heads, d, scale,
                    q.data(), q.offset() + b * nq * width, width,
                    k.data(), k.offset() + b * nk * width, width,
                    v.data(), v.offset() + b * nk * width, width,
                    o.data(), o.offset() + b * nq * width, width, mask);
        }
        return o;
    }

    /**
     * Factorised ("temporal-only") attention over {@code groups} equal consecutive groups of tokens: with
     * {@code q, k, v [..., groups·P, heads·d]}, token p of group g attends token p of every group and nothing else
     * (sculpt4d-method.md §2, the {@code temporal-only} ablation). It costs {@code O(groups²·P·d)} per head instead of
     * the {@code O((groups·P)²·d)} of dense attention: for each position p, an attention over the {@code groups} rows
     * {@code p, P + p, 2P + p, ...} (a row stride of P rows), run by the backend's small attention a run of
     * consecutive positions at a time, one run per parallel chunk.
     */
    public static Tensor alignedAttention(Tensor q, Tensor k, Tensor v, int heads, int groups) {
        if (q.rank() < 2 || !q.sameShape(k) || !k.sameShape(v) || q.cols() % heads != 0 || groups <= 0
                || q.dim(-2) % groups != 0) {
            throw new IllegalArgumentException("aligned attention: q " + Arrays.toString(q.shape()) + ", k "
                    + Arrays.toString(k.shape()) + ", v " + Arrays.toString(v.shape()) + " with " + heads + " heads and "
                    + groups + " groups");
        }
        int n = q.dim(-2), width = q.cols(), d = width / heads, perGroup = n / groups;
        int batch = q.rows() / Math.max(1, n);
        Tensor o = Tensor.zeros(q.shape());
        float scale = (float) (1.0 / Math.sqrt(d));
        int stride = perGroup * width;
        // runs of consecutive positions in parallel (the backend streams a run's rows frame by frame)
        long workPerPosition = (long) groups * groups * width;
        int grain = (int) Math.max(1, Math.min(perGroup, (1L << 16) / Math.max(1, workPerPosition)));
        for (int b = 0; b < batch; b++) {
            int base = b * n * width;
            Parallel.forRange(0, perGroup, grain, (from, to) -> {
                int at = base + from * width;
                be().smallAttention(groups, to - from, heads, d, scale, q.data(), q.offset() + at, k.data(),
                        k.offset() + at, v.data(), v.offset() + at, o.data(), o.offset() + at, stride);
            });
        }
        return o;
    }

    // ---------------------------------------------------------------- elementwise

    public static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b);
    }

    /** {@code a += b} where {@code b} has a's shape or a's trailing shape (broadcast over the leading dims). */
    public static Tensor addInPlace(Tensor a, Tensor b) {
        int cols = b.size();
        if (cols == 0 || a.size() % cols != 0 || !isTrailing(a.shape(), b.shape())) {
            throw new IllegalArgumentException("addInPlace: " + Arrays.toString(b.shape()) + " does not broadcast into "
                    + Arrays.toString(a.shape()));
        }
        be().binary(BinaryOp.ADD, a.size() / cols, cols, a.data(), a.offset(), b.data(), b.offset(), 1, a.data(), a.offset());
        return a;
    }

    /** {@code x·s}. */
    public static Tensor scale(Tensor x, float s) {
        Tensor y = Tensor.zeros(x.shape());
        float[] sv = {s};
        be().binary(BinaryOp.MUL, x.size(), 1, x.data(), x.offset(), sv, 0, 1, y.data(), y.offset());
        return y;
    }

    /**
     * {@code a ∘ b} with NumPy broadcasting. Same shapes and a trailing-shape operand (a bias, a per-channel scale)
     * go straight to the backend; other broadcasts are resolved here.
     */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        int[] shape = broadcastShape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(shape);
        if (a.sameShape(out) && b.size() > 0 && isTrailing(shape, b.shape())) {
            int cols = b.size();
            be().binary(op, out.size() / cols, cols, a.data(), a.offset(), b.data(), b.offset(), 1, out.data(), out.offset());
            return out;
        }
        int[] as = stridesFor(a.shape(), shape), bs = stridesFor(b.shape(), shape);
        int[] idx = new int[shape.length];
        float[] o = out.data(), ad = a.data(), bd = b.data();
        for (int i = 0; i < out.size(); i++) {
            int ai = a.offset(), bi = b.offset();
            for (int d = 0; d < shape.length; d++) {
                ai += idx[d] * as[d];
                bi += idx[d] * bs[d];
            }
            o[i] = op.apply(ad[ai], bd[bi]);
            for (int d = shape.length - 1; d >= 0 && ++idx[d] == shape[d]; d--) idx[d] = 0;
        }
        return out;
    }

    public static Tensor gelu(Tensor x) {
        return map(UnaryOp.GELU, x);
    }

    public static Tensor silu(Tensor x) {
        return map(UnaryOp.SILU, x);
    }

    public static Tensor sin(Tensor x) {
        return map(UnaryOp.SIN, x);
    }

    public static Tensor cos(Tensor x) {
        return map(UnaryOp.COS, x);
    }

    public static Tensor exp(Tensor x) {
        return map(UnaryOp.EXP, x);
    }

    public static Tensor map(UnaryOp op, Tensor x) {
        Tensor y = Tensor.zeros(x.shape());
        be().map(op, x.size(), x.data(), x.offset(), y.data(), y.offset());
        return y;
    }

    // ---------------------------------------------------------------- normalisation

    /** Softmax over the last axis. */
    public static Tensor softmax(Tensor x) {
        Tensor y = x.copy();
        be().softmaxRows(y.rows(), y.cols(), y.data(), y.offset());
        return y;
    }

    /** LayerNorm over the last axis (biased variance, {@code eps} inside the root); gamma/beta null: no affine. */
    public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
        checkAffine("layerNorm", x, gamma);
        checkAffine("layerNorm", x, beta);
        Tensor y = Tensor.zeros(x.shape());
        be().layerNorm(x.rows(), x.cols(), x.data(), x.offset(), arrayOf(gamma), arrayOf(beta), eps, y.data(), y.offset());
        return y;
    }

    /** RMSNorm over the last axis: {@code x / sqrt(mean(x²) + eps) · gamma}. */
    public static Tensor rmsNorm(Tensor x, Tensor gamma, float eps) {
        checkAffine("rmsNorm", x, gamma);
        Tensor y = Tensor.zeros(x.shape());
        be().rmsNorm(x.rows(), x.cols(), x.data(), x.offset(), arrayOf(gamma), eps, y.data(), y.offset());
        return y;
    }

    private static void checkAffine(String op, Tensor x, Tensor p) {
        if (p != null && p.size() != x.cols()) {
            throw new IllegalArgumentException(op + ": parameter " + Arrays.toString(p.shape()) + " for rows of " + x.cols());
        }
    }

    /** The parameter as an array starting at index 0 (copied only when it is an offset view). */
    private static float[] arrayOf(Tensor p) {
        return p == null ? null : p.offset() == 0 ? p.data() : p.toArray();
    }

    // ---------------------------------------------------------------- joining, splitting, indexing

    /** Concatenation along {@code axis}; all other dims must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts.length == 0) throw new IllegalArgumentException("concat of nothing");
        int a = parts[0].axis(axis);
        int[] shape = parts[0].shape();
        int total = 0;
        for (Tensor p : parts) {
            int[] s = p.shape();
            if (s.length != shape.length) throw new IllegalArgumentException("concat: ranks differ: " + describe(parts));
            for (int d = 0; d < s.length; d++) {
                if (d != a && s[d] != shape[d]) throw new IllegalArgumentException("concat along " + axis + ": " + describe(parts));
            }
            total += s[a];
        }
        shape[a] = total;
        Tensor out = Tensor.zeros(shape);
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < shape.length; d++) inner *= shape[d];
        int pos = 0;
        for (Tensor p : parts) {
            int len = p.dim(a) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(p.data(), p.offset() + o * len, out.data(), o * total * inner + pos, len);
            }
            pos += len;
        }
        return out;
    }

    /** Splits along {@code axis} into pieces of the given sizes (which must add up to that dim). Copies unless contiguous. */
    public static Tensor[] split(Tensor x, int axis, int... sizes) {
        int a = x.axis(axis);
        if (Arrays.stream(sizes).sum() != x.dim(a)) {
            throw new IllegalArgumentException("split sizes " + Arrays.toString(sizes) + " do not add up to dim " + a
                    + " of " + Arrays.toString(x.shape()));
        }
        Tensor[] out = new Tensor[sizes.length];
        int start = 0;
        for (int i = 0; i < sizes.length; i++) {
            out[i] = x.narrow(a, start, sizes[i]);
            start += sizes[i];
        }
        return out;
    }

    /** Rows {@code index[i]} of {@code axis}, in order ({@code torch.index_select}). */
    public static Tensor gather(Tensor x, int axis, int[] index) {
        int a = x.axis(axis);
        int[] shape = x.shape();
        int n = shape[a];
        shape[a] = index.length;
        Tensor out = Tensor.zeros(shape);
        int outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < shape.length; d++) inner *= shape[d];
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= n) {
                throw new IndexOutOfBoundsException("gather: index " + index[i] + " at position " + i
                        + " out of range [0, " + n + ") along axis " + axis + " of " + Arrays.toString(x.shape()));
            }
        }
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < index.length; i++) {
                System.arraycopy(x.data(), x.offset() + (o * n + index[i]) * inner, out.data(), (o * index.length + i) * inner, inner);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reductions (double accumulation, fixed order)

    /** Mean along {@code axis} (dropped). */
    public static Tensor mean(Tensor x, int axis) {
        return reduce(x, axis, false);
    }

    /** Maximum along {@code axis} (dropped). */
    public static Tensor max(Tensor x, int axis) {
        return reduce(x, axis, true);
    }

    private static Tensor reduce(Tensor x, int axis, boolean max) {
        int a = x.axis(axis);
        int[] shape = x.shape();
        int n = shape[a], outer = 1, inner = 1;
        for (int d = 0; d < a; d++) outer *= shape[d];
        for (int d = a + 1; d < shape.length; d++) inner *= shape[d];
        int[] outShape = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) if (d != a) outShape[j++] = shape[d];
        Tensor out = Tensor.zeros(outShape);
        float[] xd = x.data();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                for (int r = 0; r < n; r++) {
                    float e = xd[x.offset() + (o * n + r) * inner + i];
                    acc = max ? Math.max(acc, e) : acc + e;
                }
                out.data()[o * inner + i] = (float) (max ? acc : acc / n);
            }
        }
        return out;
    }

    /** Index of the largest element of each row of the last axis (first one on ties). */
    public static int[] argmax(Tensor x) {
        return topK(x, 1).indices();
    }

    /** The {@code k} largest of each row along the last axis: values {@code [rows, k]} descending, indices {@code rows × k}. */
    public static TopK topK(Tensor x, int k) {
        int rows = x.rows(), cols = x.cols();
        if (k < 1 || k > cols) throw new IllegalArgumentException("topK: k = " + k + " for rows of " + cols);
        float[] values = new float[rows * k];
        int[] indices = new int[rows * k];
        float[] d = x.data();
        for (int r = 0; r < rows; r++) {
            int base = x.offset() + r * cols;
            for (int j = 0; j < k; j++) { // k is tiny (2 for the MoE router): selection beats sorting
                int best = -1;
                for (int c = 0; c < cols; c++) {
                    if (isTaken(indices, r * k, j, c)) continue;
                    if (best < 0 || d[base + c] > d[base + best]) best = c;
                }
                indices[r * k + j] = best;
                values[r * k + j] = d[base + best];
            }
        }
        return new TopK(Tensor.wrap(values, rows, k), indices);
    }

    private static boolean isTaken(int[] idx, int from, int count, int c) {
        for (int i = 0; i < count; i++) if (idx[from + i] == c) return true;
        return false;
    }

    /** Result of {@link #topK}: values {@code [rows, k]} and their column indices, row-major. */
    public record TopK(Tensor values, int[] indices) {
    }

    // ---------------------------------------------------------------- broadcasting helpers

    static int[] broadcastShape(int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            s[i] = Math.max(da, db);
        }
        return s;
    }

    /** Strides of {@code shape} read as {@code target} (0 on broadcast axes). */
    private static int[] stridesFor(int[] shape, int[] target) {
        int[] st = new int[target.length];
        int stride = 1;
        for (int i = target.length - 1, j = shape.length - 1; i >= 0; i--, j--) {
            int d = j >= 0 ? shape[j] : 1;
            st[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }

    /** Whether {@code b}, ignoring leading 1s, equals the trailing dims of {@code a}. */
    private static boolean isTrailing(int[] a, int[] b) {
        int lead = 0;
        while (lead < b.length && b[lead] == 1 && b.length - lead > 0) lead++;
        int len = b.length - lead;
        if (len > a.length) return false;
        for (int i = 0; i < len; i++) if (b[lead + i] != a[a.length - len + i]) return false;
        return true;
    }

    private static String describe(Tensor[] parts) {
        StringBuilder sb = new StringBuilder();
        for (Tensor p : parts) sb.append(sb.length() == 0 ? "" : ", ").append(Arrays.toString(p.shape()));
        return sb.toString();
    }
}
