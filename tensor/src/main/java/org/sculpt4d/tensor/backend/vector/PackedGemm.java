package org.sculpt4d.tensor.backend.vector;

import static org.sculpt4d.tensor.backend.vector.MicroKernel.MR;
import static org.sculpt4d.tensor.backend.vector.MicroKernel.NR;

import java.util.Arrays;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * GEMM in the GotoBLAS/BLIS scheme: C is computed in NC-column blocks; for each KC-deep slice of k, the slice of
 * op(B) is packed once into NR-column micro-panels (shared by all threads, sized for L3), then each thread packs
 * MC-row blocks of A into MR-row micro-panels (sized for L2) and sweeps them with the {@link MicroKernel}, one
 * KC × NR B micro-panel (sized for L1) at a time. Packing ({@link GemmPacking}) absorbs the layout of B and every
 * stride and offset.
 *
 * <p>Threads share the work of one k-slice as (row block × column range) items of C. Each C element belongs to one
 * item and is accumulated over the k-slices in order by the same kernel arithmetic, so the result is bit-identical
 * for any thread count. Shapes too small for packing to pay go to {@link SmallGemm}.
 */
final class PackedGemm {
    /**
     * Depth of a k-slice: a KC × NR micro-panel of B is about 24 KiB (384 × 16 floats on AVX2), most of L1, beside
     * the streaming A micro-panel. Deeper slices amortise the load and store of the C tile; measured flat on AVX2
     * from 384 to 1024, and slower at 256 and below.
     */
    private static final int KC = 24 * 1024 / (NR * Float.BYTES);
    /** Rows of a packed A block: MC × KC floats (216 KiB on AVX2) stay in L2. A multiple of MR. */
    private static final int MC = 144;
    /** Columns of a packed B block: KC × NC floats (3 MiB on AVX2) stay in L3. A multiple of NR. */
    private static final int NC = 2048;
    /** B micro-panels per packing task. */
    private static final int PACK_GRAIN = 4;

    private final int m, n, k;
    private final float[] a, b, c;
    private final int aOff, lda, bOff, ldb, cOff, ldc;
    private final boolean transB, accumulate;
    /** k-slice depth, near KC but balanced so the last slice is not a sliver. */
    private final int kcStep;
    /** MR-row micro-panels of A, dealt out evenly to the row blocks. */
    private final int rowPanels;
    /** Row blocks of at most about MC rows, as many as the threads or a multiple, so that they share out evenly. */
    private final int rowBlocks;
    private final int threads;
    /** The packed k-slice of op(B) for the current column block: micro-panel q at {@code q·kc·NR}. */
    private final float[] bPack;

    private PackedGemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.transB = transB;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.accumulate = accumulate;
        this.kcStep = ceilDiv(k, ceilDiv(k, KC));
        this.rowPanels = ceilDiv(m, MR);
        this.threads = Parallel.threads();
        this.rowBlocks = Math.min(rowPanels, ceilDiv(ceilDiv(m, MC), threads) * threads);
        this.bPack = new float[kcStep * ceilDiv(Math.min(n, NC), NR) * NR];
    }

    /** {@link org.sculpt4d.tensor.backend.Backend#gemm}. */
    static void gemm(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb, boolean transB,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            if (!accumulate) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        } else if (SmallGemm.suits(m, n, k, transB)) {
            SmallGemm.gemm(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate);
        } else {
            new PackedGemm(m, n, k, a, aOff, lda, b, bOff, ldb, transB, c, cOff, ldc, accumulate).run();
        }
    }

    private void run() {
        for (int jc = 0; jc < n; jc += NC) {
            int j0 = jc, nc = Math.min(NC, n - jc), panels = ceilDiv(nc, NR);
            // few row blocks: also split the columns, so that every thread has work
            int columnParts = rowBlocks >= 2 * threads ? 1 : Math.min(panels, ceilDiv(4 * threads, rowBlocks));
            for (int pc = 0; pc < k; pc += kcStep) {
                int p0 = pc, kc = Math.min(kcStep, k - pc);
                Parallel.forRange(0, panels, PACK_GRAIN, (q0, q1) -> packB(j0, nc, p0, kc, q0, q1));
                Parallel.forRange(0, rowBlocks * columnParts, 1,
                        (from, to) -> multiplyItems(j0, nc, p0, kc, columnParts, from, to));
            }
        }
    }

    /** Packs B micro-panels {@code [q0, q1)} of the column block at j0 and the k-slice at p0. */
    private void packB(int j0, int nc, int p0, int kc, int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int j = q * NR;
            GemmPacking.packB(b, bOff, ldb, transB, j0 + j, Math.min(NR, nc - j), p0, kc, bPack, q * kc * NR);
        }
    }

    /**
     * Work items {@code [from, to)} of one k-slice: item = (row block, column part). Consecutive items share a row
     * block, so its A block is packed once per run of items.
     */
    private void multiplyItems(int j0, int nc, int p0, int kc, int columnParts, int from, int to) {
        float[] aPack = new float[MR * ceilDiv(rowPanels, rowBlocks) * kc];
        float[] edge = new float[MR * NR];
        int panels = ceilDiv(nc, NR);
        int packedBlock = -1;
        for (int item = from; item < to; item++) {
            int block = item / columnParts, part = item % columnParts;
            int i0 = rowStart(block), mc = Math.min(m, rowStart(block + 1)) - i0;
            if (block != packedBlock) {
                GemmPacking.packA(a, aOff + i0 * lda + p0, lda, mc, kc, aPack);
                packedBlock = block;
            }
            int q0 = part * panels / columnParts, q1 = (part + 1) * panels / columnParts;
            if (p0 == 0 && !accumulate) clear(i0, mc, j0 + q0 * NR, j0 + Math.min(nc, q1 * NR));
            multiplyBlock(aPack, i0, mc, j0, nc, kc, q0, q1, edge);
        }
    }

    /**
     * The macro-kernel: rows {@code [i0, i0 + mc)} (packed in aPack) times B micro-panels {@code [q0, q1)}. Each B
     * micro-panel stays in L1 while the A micro-panels stream past it from L2. Tiles cut by the edge of C run the
     * same kernel on a scratch tile, of which only the valid part is copied back.
     */
    private void multiplyBlock(float[] aPack, int i0, int mc, int j0, int nc, int kc, int q0, int q1, float[] edge) {
        for (int q = q0; q < q1; q++) {
            int j = q * NR, nr = Math.min(NR, nc - j), bAt = q * kc * NR;
            for (int r = 0; r < mc; r += MR) {
                int mr = Math.min(MR, mc - r), cAt = cOff + (i0 + r) * ldc + j0 + j;
                if (mr == MR && nr == NR) {
                    MicroKernel.multiplyAdd(kc, aPack, r * kc, bPack, bAt, c, cAt, ldc);
                } else {
                    for (int i = 0; i < mr; i++) System.arraycopy(c, cAt + i * ldc, edge, i * NR, nr);
                    MicroKernel.multiplyAdd(kc, aPack, r * kc, bPack, bAt, edge, 0, NR);
                    for (int i = 0; i < mr; i++) System.arraycopy(edge, i * NR, c, cAt + i * ldc, nr);
                }
            }
        }
    }

    /** C rows {@code [i0, i0 + mc)}, columns {@code [jFrom, jTo)} = 0 (the first k-slice when not accumulating). */
    private void clear(int i0, int mc, int jFrom, int jTo) {
        for (int i = i0; i < i0 + mc; i++) Arrays.fill(c, cOff + i * ldc + jFrom, cOff + i * ldc + jTo, 0f);
    }

    /** First row of a row block: the blocks get ⌊rowPanels / rowBlocks⌋ or one more micro-panels each. */
    private int rowStart(int block) {
        return MR * (int) ((long) block * rowPanels / rowBlocks);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
