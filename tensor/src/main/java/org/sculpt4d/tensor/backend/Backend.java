package org.sculpt4d.tensor.backend;

import org.sculpt4d.tensor.BlockMask;

/**
 * The compute kernels that the model spends its time in, over flat {@code float[]} arrays with explicit offsets and
 * row strides. {@link org.sculpt4d.tensor.Ops} is the only caller; model code never sees a backend.
 *
 * <p>An implementation replaces any subset of {@link ScalarBackend}'s reference kernels (a Vector API CPU backend
 * now; an OpenCL/TornadoVM one later). Every implementation is tested against the scalar oracle.
 * Matrices are row-major; "rows × cols with stride ld" means element (i, j) is at {@code off + i·ld + j}.
 */
public interface Backend {

    /** Short name for logs and benchmark lines ("vector", "scalar", ...). */
    String name();

    /**
     * {@code C = A·B} or {@code C = A·Bᵀ} (with {@code accumulate}: {@code C += ...}).
     * A is {@code m × k} (stride lda). B is {@code n × k} (stride ldb) when {@code transB} — the {@code [out, in]}
     * weight layout — and {@code k × n} otherwise. C is {@code m × n} (stride ldc).
     */
    void gemm(int m, int n, int k,
              float[] a, int aOff, int lda,
              float[] b, int bOff, int ldb, boolean transB,
              float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Scaled dot-product attention, {@code O = softmax(scale · Q·Kᵀ) · V}, per head, never materialising the score
     * matrix. Q is {@code nq × heads·headDim} (stride ldq) with head h in columns {@code [h·headDim, (h+1)·headDim)};
     * K and V are {@code nk × heads·headDim} (strides ldk, ldv); O like Q (stride ldo).
     * With a {@code mask}, query q attends only the keys of the kept tiles of its block and the work done is
     * proportional to the kept tiles; a query whose row keeps no key gets zeros. {@code mask == null} is dense.
     */
    void attention(int nq, int nk, int heads, int headDim, float scale,
                   float[] q, int qOff, int ldq,
                   float[] k, int kOff, int ldk,
                   float[] v, int vOff, int ldv,
                   float[] o, int oOff, int ldo,
                   BlockMask mask);

    /**
     * {@link #attention} of {@code n} queries over {@code n} keys for each of {@code positions} consecutive positions:
     * position p's rows are {@code stride} apart from {@code off + p·heads·headDim} in each of q, k, v and o. These
     * are the small attentions of the positions across the frames under the temporal-only mask (sculpt4d-method.md
     * §2). The default runs the general kernel per position; a backend may override it with one made for small n.
     */
    default void smallAttention(int n, int positions, int heads, int headDim, float scale, float[] q, int qOff,
                                float[] k, int kOff, float[] v, int vOff, float[] o, int oOff, int stride) {
        for (int p = 0; p < positions; p++) {
            int at = p * heads * headDim;
            attention(n, n, heads, headDim, scale, q, qOff + at, stride, k, kOff + at, stride, v, vOff + at, stride,
                    o, oOff + at, stride, null);
        }
    }

    /**
     * A promise that {@code data} will not change from now on (a layer's weights, {@code [out, in]}): a device
     * backend may keep its copy on the device and skip the upload in later {@link #gemm} calls. The CPU backends
     * ignore it.
     */
    default void constant(float[] data) {
    }

    /** LayerNorm over each row of {@code rows × cols} (contiguous): biased variance, {@code eps} inside the root;
     * {@code gamma}/{@code beta} may be null (no affine). In place allowed ({@code x == y}, same offset). */
    void layerNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float[] beta, float eps, float[] y, int yOff);

    /** RMSNorm over each row: {@code y = x / sqrt(mean(x²) + eps) · gamma} ({@code gamma} may be null). */
    void rmsNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float eps, float[] y, int yOff);

    /** Softmax over each row of {@code rows × cols}, in place, max-subtracted. */
    void softmaxRows(int rows, int cols, float[] x, int xOff);

    /** {@code y[i] = f(x[i])} for {@code n} elements. In place allowed. */
    void map(UnaryOp op, int n, float[] x, int xOff, float[] y, int yOff);

    /**
     * {@code out[r·cols + j] = a[r·cols + j] ∘ b[(r mod bRows)·cols + j]} for {@code rows × cols} contiguous
     * elements: {@code bRows == rows} is elementwise, {@code bRows == 1} broadcasts one row (a bias). In place allowed.
     */
    void binary(BinaryOp op, int rows, int cols, float[] a, int aOff, float[] b, int bOff, int bRows, float[] out, int outOff);
}
