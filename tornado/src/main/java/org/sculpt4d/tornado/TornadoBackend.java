package org.sculpt4d.tornado;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.BinaryOp;
import org.sculpt4d.tensor.backend.ScalarBackend;
import org.sculpt4d.tensor.backend.UnaryOp;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import static org.sculpt4d.tornado.DeviceBuffers.capacity;
import static org.sculpt4d.tornado.DeviceBuffers.download;
import static org.sculpt4d.tornado.DeviceBuffers.set;
import static org.sculpt4d.tornado.DeviceBuffers.span;
import static org.sculpt4d.tornado.DeviceBuffers.upload;

/**
 * The {@link Backend} that runs every kernel on TornadoVM's default device (an OpenCL GPU, or PoCL on a CPU). Each
 * call copies its operands into device buffers of the call's capacity class, launches a kernel compiled once per
 * kernel and capacity class, and copies the result rows back. Calls are serialised: TornadoVM drives one device queue.
 * Weights marked {@link #constant} (every {@code Linear}'s) are uploaded once: a GEMM with such a B runs in a graph
 * of its own whose B buffer is transferred on the first execution only and then stays on the device.
 *
 * <p>Like the Vector API backend it extends the scalar reference backend (for its argument checks); every kernel is
 * overridden, and each is tested against the scalar oracle by the tensor module's backend properties, which this
 * module runs again under TornadoVM.
 *
 * <p>The model code never sees this class: it is found through {@link TornadoProvider} and chosen with
 * {@code --backend tornado}.
 */
public final class TornadoBackend extends ScalarBackend {
    private static final int GROUP = 64;

    private final Map<String, Object> graphs = new HashMap<>();
    /** Arrays promised constant, each with the GEMM graphs that hold a device copy of it (by offset and capacities). */
    private final Map<float[], Map<String, Gemm>> resident = new WeakHashMap<>();
    private int graphCount;

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public synchronized void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                  boolean transB, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        int aSpan = span(m, k, lda), bSpan = transB ? span(n, k, ldb) : span(k, n, ldb), cSpan = span(m, n, ldc);
        int[] cap = {capacity(aSpan), capacity(bSpan), capacity(cSpan)};
        Map<String, Gemm> copies = resident.get(b);
        Gemm g;
        if (copies != null) { // a constant B: uploaded when its graph is made, transferred on the first execution only
            g = copies.computeIfAbsent(bOff + ":" + bSpan + ":" + cap[0] + ":" + cap[2], key -> {
                Gemm made = new Gemm(cap, true);
                upload(b, bOff, bSpan, made.b);
                return made;
            });
        } else {
            g = graph("gemm", cap[0], cap[1], cap[2], caps -> new Gemm(caps, false));
            upload(b, bOff, bSpan, g.b);
        }
        upload(a, aOff, aSpan, g.a);
        upload(c, cOff, cSpan, g.c);
        set(g.p, m, n, k, lda, ldb, transB ? 1 : 0, ldc, accumulate ? 1 : 0);
        g.kernel.launch(n, m, GemmKernel.TILE, GemmKernel.TILE);
        download(g.c, m, n, ldc, c, cOff);
    }

    @Override
    public synchronized void constant(float[] data) {
        resident.putIfAbsent(data, new HashMap<>());
    }

    @Override
    public synchronized void attention(int nq, int nk, int heads, int headDim, float scale, float[] q, int qOff, int ldq,
                                       float[] k, int kOff, int ldk, float[] v, int vOff, int ldv, float[] o, int oOff,
                                       int ldo, BlockMask mask) {
        checkMask(mask, nq, nk);
        if (headDim > AttentionKernel.MAX_HEAD_DIM) {
            super.attention(nq, nk, heads, headDim, scale, q, qOff, ldq, k, kOff, ldk, v, vOff, ldv, o, oOff, ldo, mask);
            return;
        }
        if (nq == 0) return;
        int width = heads * headDim;
        int qSpan = span(nq, width, ldq), kSpan = span(nk, width, ldk), vSpan = span(nk, width, ldv);
        int oSpan = span(nq, width, ldo);
        DeviceMask tiles = new DeviceMask(nq, nk, mask);
        Attention g = graph("attention", capacity(Math.max(Math.max(qSpan, oSpan), Math.max(kSpan, vSpan))),
                capacity(tiles.data.length), 1, Attention::new);
        upload(q, qOff, qSpan, g.q);
        upload(k, kOff, kSpan, g.k);
        upload(v, vOff, vSpan, g.v);
        set(g.tiles, tiles.data);
        g.scale.set(0, scale);
        set(g.p, nq, heads, headDim, ldq, ldk, ldv, ldo, tiles.rowPointers, tiles.ranges);
        g.kernel.launch(nq * heads, GROUP);
        download(g.o, nq, width, ldo, o, oOff);
    }

    @Override
    public synchronized void layerNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float[] beta, float eps,
                                       float[] y, int yOff) {
        if (rows == 0) return;
        Norm g = rowGraph(rows, cols);
        upload(x, xOff, rows * cols, g.x);
        if (gamma != null) upload(gamma, 0, cols, g.gamma);
        if (beta != null) upload(beta, 0, cols, g.beta);
        g.eps.set(0, eps);
        set(g.p, rows, cols, gamma != null ? 1 : 0, beta != null ? 1 : 0);
        g.layerNorm.launch(rows, GROUP);
        download(g.y, 1, rows * cols, 0, y, yOff);
    }

    @Override
    public synchronized void rmsNorm(int rows, int cols, float[] x, int xOff, float[] gamma, float eps, float[] y,
                                     int yOff) {
        if (rows == 0) return;
        Norm g = rowGraph(rows, cols);
        upload(x, xOff, rows * cols, g.x);
        if (gamma != null) upload(gamma, 0, cols, g.gamma);
        g.eps.set(0, eps);
        set(g.p, rows, cols, gamma != null ? 1 : 0, 0);
        g.rmsNorm.launch(rows, GROUP);
        download(g.y, 1, rows * cols, 0, y, yOff);
    }

    @Override
    public synchronized void softmaxRows(int rows, int cols, float[] x, int xOff) {
        if (rows == 0) return;
        Norm g = rowGraph(rows, cols);
        upload(x, xOff, rows * cols, g.x);
        set(g.p, rows, cols);
        g.softmax.launch(rows, GROUP);
        download(g.x, 1, rows * cols, 0, x, xOff);
    }

    @Override
    public synchronized void map(UnaryOp op, int n, float[] x, int xOff, float[] y, int yOff) {
        if (n == 0) return;
        Elementwise g = graph("elementwise", capacity(n), 1, 1, Elementwise::new);
        upload(x, xOff, n, g.a);
        set(g.p, n, op.ordinal());
        g.map.launch(n, GROUP);
        download(g.out, 1, n, 0, y, yOff);
    }

    @Override
    public synchronized void binary(BinaryOp op, int rows, int cols, float[] a, int aOff, float[] b, int bOff, int bRows,
                                    float[] out, int outOff) {
        checkBroadcast(rows, bRows);
        int n = rows * cols;
        if (n == 0) return;
        Elementwise g = graph("elementwise", capacity(n), 1, 1, Elementwise::new);
        upload(a, aOff, n, g.a);
        upload(b, bOff, bRows * cols, g.b);
        set(g.p, rows, cols, bRows, op.ordinal());
        g.binary.launch(n, GROUP);
        download(g.out, 1, n, 0, out, outOff);
    }

    private Norm rowGraph(int rows, int cols) {
        return graph("rows", capacity((long) rows * cols), capacity(cols), 1, Norm::new);
    }

    /** The graphs of one kind and capacity class, made (and compiled on first launch) when first needed. */
    @SuppressWarnings("unchecked")
    private <G> G graph(String kind, int c0, int c1, int c2, Function<int[], G> make) {
        return (G) graphs.computeIfAbsent(kind + ":" + c0 + ":" + c1 + ":" + c2, key -> make.apply(new int[] {c0, c1, c2}));
    }

    private TaskGraph taskGraph(String kind) {
        return new TaskGraph("sculpt4d_" + kind + "_" + graphCount++);
    }

    /**
     * {@link GemmKernel}'s graph; capacities of A, B, C. A {@code residentB} is transferred on the first execution
     * only (the caller fills it once).
     */
    private final class Gemm {
        final IntArray p = new IntArray(GemmKernel.PARAMS);
        final FloatArray a, b, c;
        final CompiledKernel kernel;

        Gemm(int[] cap, boolean residentB) {
            a = new FloatArray(cap[0]);
            b = new FloatArray(cap[1]);
            c = new FloatArray(cap[2]);
            kernel = CompiledKernel.planar(taskGraph(residentB ? "gemm_resident" : "gemm")
                    .transferToDevice(residentB ? DataTransferMode.FIRST_EXECUTION : DataTransferMode.EVERY_EXECUTION, b)
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, a, c)
                    .task(CompiledKernel.TASK, GemmKernel::gemm, new KernelContext(), p, a, b, c)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, c));
        }
    }

    /** {@link AttentionKernel}'s graph; capacities of each of q, k, v, o and of the tile list. */
    private final class Attention {
        final IntArray p = new IntArray(AttentionKernel.PARAMS);
        final FloatArray scale = new FloatArray(1);
        final FloatArray q, k, v, o;
        final IntArray tiles;
        final CompiledKernel kernel;

        Attention(int[] cap) {
            q = new FloatArray(cap[0]);
            k = new FloatArray(cap[0]);
            v = new FloatArray(cap[0]);
            o = new FloatArray(cap[0]);
            tiles = new IntArray(cap[1]);
            kernel = CompiledKernel.linear(taskGraph("attention")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, scale, q, k, v, tiles)
                    .task(CompiledKernel.TASK, AttentionKernel::attention, new KernelContext(), p, scale, q, k, v, o, tiles)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, o));
        }
    }

    /** {@link RowKernels}' graphs over shared buffers; capacities of x and y, and of gamma and beta. */
    private final class Norm {
        final IntArray p = new IntArray(RowKernels.PARAMS);
        final FloatArray eps = new FloatArray(1);
        final FloatArray x, y, gamma, beta;
        final CompiledKernel layerNorm, rmsNorm, softmax;

        Norm(int[] cap) {
            x = new FloatArray(cap[0]);
            y = new FloatArray(cap[0]);
            gamma = new FloatArray(cap[1]);
            beta = new FloatArray(cap[1]);
            layerNorm = CompiledKernel.linear(taskGraph("layernorm")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, eps, x, gamma, beta)
                    .task(CompiledKernel.TASK, RowKernels::layerNorm, new KernelContext(), p, eps, x, gamma, beta, y)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, y));
            rmsNorm = CompiledKernel.linear(taskGraph("rmsnorm")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, eps, x, gamma)
                    .task(CompiledKernel.TASK, RowKernels::rmsNorm, new KernelContext(), p, eps, x, gamma, y)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, y));
            softmax = CompiledKernel.linear(taskGraph("softmax")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, x)
                    .task(CompiledKernel.TASK, RowKernels::softmax, new KernelContext(), p, x)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, x));
        }
    }

    /** {@link ElementwiseKernels}' graphs over shared buffers; capacity of a, b and out. */
    private final class Elementwise {
        final IntArray p = new IntArray(ElementwiseKernels.BINARY_PARAMS);
        final FloatArray a, b, out;
        final CompiledKernel map, binary;

        Elementwise(int[] cap) {
            a = new FloatArray(cap[0]);
            b = new FloatArray(cap[0]);
            out = new FloatArray(cap[0]);
            map = CompiledKernel.linear(taskGraph("map")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, a)
                    .task(CompiledKernel.TASK, ElementwiseKernels::map, new KernelContext(), p, a, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out));
            binary = CompiledKernel.linear(taskGraph("binary")
                    .transferToDevice(DataTransferMode.EVERY_EXECUTION, p, a, b)
                    .task(CompiledKernel.TASK, ElementwiseKernels::binary, new KernelContext(), p, a, b, out)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, out));
        }
    }
}
