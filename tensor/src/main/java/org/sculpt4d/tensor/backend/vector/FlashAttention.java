package org.sculpt4d.tensor.backend.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Fused flash-style attention, dense and block-sparse: {@code O = softmax(scale·Q·Kᵀ)·V} per head with an online
 * softmax, never holding more than one {@code segment × tile} block of scores.
 *
 * <h2>Tiling</h2>
 * <ul>
 *   <li><b>Query tiles</b>: 64 queries of one head (dense), or a mask query block (split evenly when longer than
 *       {@value #MAX_PIECE}). A work item is one (head, query tile); every output element is computed by one thread
 *       in a fixed order, so the result does not depend on the thread count.</li>
 *   <li><b>Key segments</b>: 64 keys (dense), or a mask key block (split likewise). A query tile walks the segments of
 *       its kept key blocks only, so the work is proportional to the kept tiles.</li>
 *   <li><b>Layout: queries in the vector lanes.</b> Everything per tile is kept transposed, with the tile's queries
 *       along the rows ({@code rp} = query count rounded up to whole vectors): {@code Qᵀ} ({@code headDim × rp},
 *       pre-multiplied by {@code scale}), the scores {@code Sᵀ} ({@code keys × rp}) and the accumulator
 *       {@code accᵀ} ({@code headDim × rp}). The online-softmax update then runs down the key axis with one query
 *       per lane (running max, correction {@code exp(m_old − m_new)}, {@code P = exp(S − m_new)} written over S,
 *       running sum) and needs no lane reductions.</li>
 *   <li><b>Packing</b>, once per call and head, a group of heads at a time (as many as fit a 16 MB budget): K rows
 *       are copied contiguously; V is transposed per key segment into a {@code d4 × n} panel ({@code d4} = head dim
 *       rounded up to 4, padding rows zero).</li>
 *   <li><b>Kernels</b>, both 4 rows × 2 vectors, register blocked (broadcast one element, FMA against two vectors):
 *       {@code Sᵀ = K·Qᵀ} (4 keys × 2 vectors of queries, over the head dim) and
 *       {@code accᵀ = accᵀ·diag(corr) + Vᵀ·Pᵀ} (4 head-dim rows × 2 vectors of queries, over the segment's keys).
 *       On AVX2 a query tile is 64 queries = 8 vectors, so 4 kernel columns.
 *       At the end {@code O = accᵀᵀ / l}; a query that saw no key ({@code l == 0}) gets zeros.</li>
 * </ul>
 * The kernels are small static methods with no calls and no branches in their vector loops
 * ({@code java-compute-notes.md} §2.4).
 */
final class FlashAttention {
    static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    static final int L = SP.length();
    /** Width of the micro-kernels: two vectors. */
    static final int NB = 2 * L;
    /** Rows of the micro-kernels. */
    static final int MR = 4;
    /** Query tiles are padded to a multiple of this (whole vectors, whole micro-kernel rows). */
    static final int RQ = Math.max(L, MR);
    /** Dense query tile size and key segment length. */
    static final int TILE = 64;
    /** Mask blocks up to this size stay one tile / segment; longer ones are split evenly into pieces of ≤ TILE. */
    static final int MAX_PIECE = 80;
    /** Upper bound on the packed K and V floats of one head group (at least one head is always packed). */
    static final long PACK_BUDGET = 1L << 25;
    /**
     * Packed K and V floats of a head group (16 MB), the usual group size: big enough that a group has many (head,
     * tile) items to balance across threads (1 MB groups measured 12 % slower on a 0.5-density mask), small enough to
     * bound the scratch memory.
     */
    static final long GROUP_BUDGET = 1L << 22;

    private FlashAttention() {
    }

    static void attention(int nq, int nk, int heads, int headDim, float scale, float[] q, int qOff, int ldq,
                          float[] k, int kOff, int ldk, float[] v, int vOff, int ldv, float[] o, int oOff, int ldo,
                          BlockMask mask) {
        if (nq <= 0 || heads <= 0 || headDim <= 0) return;
        Plan plan = mask == null ? Plan.dense(nq, nk) : Plan.sparse(mask);
        int d = headDim;
        int d4 = roundUp(d, MR);
        long kpPerHead = (long) (nk + MR) * d; // MR spare rows: the score kernel reads keys in groups of MR
        long vtPerHead = (long) nk * d4;
        int ns = plan.segments();
        int nt = plan.tiles();
        // heads per group: as many as fit GROUP_BUDGET, at least enough (head, tile) items to keep every thread busy,
        // never more than PACK_BUDGET
        long perHead = kpPerHead + vtPerHead;
        long busy = (4L * Parallel.threads() + nt - 1) / nt;
        long group = Math.max(busy, GROUP_BUDGET / perHead);
        group = Math.max(1, Math.min(Math.min(heads, group), PACK_BUDGET / perHead));
        if (kpPerHead * group > Integer.MAX_VALUE - 64 || vtPerHead * group > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("attention too large to pack: " + nk + " keys × head dim " + d);
        }
        float[] kp = new float[(int) (kpPerHead * group)];
        float[] vt = new float[(int) (vtPerHead * group)];
        long workPerItem = Math.max(1, plan.avgWorkPerTile() * d4);
        int grain = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 17) / workPerItem));
        for (int h0 = 0; h0 < heads; h0 += (int) group) {
            int g = (int) Math.min(group, heads - h0);
            int hBase = h0;
            // pack K rows and V panels of heads [h0, h0 + g), one key segment per item
            Parallel.forRange(0, ns, Math.max(1, 16384 / Math.max(1, TILE * g * d)), (from, to) -> {
                for (int s = from; s < to; s++) {
                    int k0 = plan.ks[s], n = plan.ks[s + 1] - k0;
                    for (int hh = 0; hh < g; hh++) {
                        int h = hBase + hh;
                        copyRows(k, kOff + k0 * ldk + h * d, ldk, n, d, kp, (int) (hh * kpPerHead) + k0 * d);
                        transposeRows(v, vOff + k0 * ldv + h * d, ldv, n, d, vt, (int) (hh * vtPerHead) + k0 * d4);
                    }
                }
            });
            Parallel.forRange(0, g * nt, grain, (from, to) -> {
                Scratch sc = new Scratch(plan.maxRows, plan.maxKeys, d4);
                for (int it = from; it < to; it++) {
                    int hh = it / nt, t = it % nt;
                    int h = hBase + hh;
                    runTile(plan, t, d, d4, scale, q, qOff + h * d, ldq, kp, (int) (hh * kpPerHead),
                            vt, (int) (hh * vtPerHead), o, oOff + h * d, ldo, sc);
                }
            });
        }
    }

    /** Query tiles, key segments and, per tile, the segments it visits. */
    static final class Plan {
        int[] qs;          // tile boundaries over the queries
        int[] ks;          // segment boundaries over the keys
        int[][] tileSegs;  // per tile, the segments it attends, ascending
        int maxRows;       // largest tile, rounded up to RQ
        int maxKeys;       // largest segment, rounded up to MR

        static Plan dense(int nq, int nk) {
            Plan p = new Plan();
            p.qs = uniform(nq, TILE);
            p.ks = uniform(nk, TILE);
            int ns = p.ks.length - 1;
            int[] all = new int[ns];
            for (int s = 0; s < ns; s++) all[s] = s;
            p.tileSegs = new int[p.qs.length - 1][];
            Arrays.fill(p.tileSegs, all);
            p.finish();
            return p;
        }

        static Plan sparse(BlockMask mask) {
            Plan p = new Plan();
            int nqb = mask.queryBlocks(), nkb = mask.keyBlocks();
            // key blocks → segments
            int[] firstSeg = new int[nkb + 1];
            IntList ks = new IntList();
            ks.add(0);
            for (int kb = 0; kb < nkb; kb++) {
                firstSeg[kb] = ks.size - 1;
                split(mask.keyStart(kb), mask.keyStart(kb + 1), ks);
            }
            firstSeg[nkb] = ks.size - 1;
            p.ks = ks.toArray();
            // query blocks → tiles, each with the segments of its block's kept key blocks
            IntList qs = new IntList();
            qs.add(0);
            List<int[]> segs = new ArrayList<>();
            for (int qb = 0; qb < nqb; qb++) {
                int[] kept = mask.keptKeyBlocks(qb);
                int n = 0;
                for (int kb : kept) n += firstSeg[kb + 1] - firstSeg[kb];
                int[] list = new int[n];
                n = 0;
                for (int kb : kept) {
                    for (int s = firstSeg[kb]; s < firstSeg[kb + 1]; s++) list[n++] = s;
                }
                int before = qs.size;
                split(mask.queryStart(qb), mask.queryStart(qb + 1), qs);
                for (int i = before; i < qs.size; i++) segs.add(list);
            }
            p.qs = qs.toArray();
            p.tileSegs = segs.toArray(new int[0][]);
            p.finish();
            return p;
        }

        private void finish() {
            maxKeys = MR;
            for (int i = 0; i + 1 < ks.length; i++) maxKeys = Math.max(maxKeys, roundUp(ks[i + 1] - ks[i], MR));
            maxRows = RQ;
            for (int t = 0; t + 1 < qs.length; t++) maxRows = Math.max(maxRows, roundUp(qs[t + 1] - qs[t], RQ));
        }

        int segments() {
            return ks.length - 1;
        }

        int tiles() {
            return qs.length - 1;
        }

        /** Average queries × visited keys of a tile (for the parallel grain). */
        long avgWorkPerTile() {
            long w = 0;
            for (int t = 0; t < tiles(); t++) {
                long keys = 0;
                for (int s : tileSegs[t]) keys += ks[s + 1] - ks[s];
                w += keys * (qs[t + 1] - qs[t]);
            }
            return w / Math.max(1, tiles());
        }

        /** Boundaries {@code 0, b, 2b, ..., n} ({@code {0}} when n = 0). */
        private static int[] uniform(int n, int b) {
            int nb = (n + b - 1) / b;
            int[] s = new int[nb + 1];
            for (int i = 0; i <= nb; i++) s[i] = Math.min(n, i * b);
            return s;
        }

        /** Appends the ends of the pieces of {@code [a, b)}: one piece up to MAX_PIECE, else near-equal pieces ≤ TILE. */
        private static void split(int a, int b, IntList out) {
            int len = b - a;
            int pieces = len <= MAX_PIECE ? 1 : (len + TILE - 1) / TILE;
            for (int i = 1; i <= pieces; i++) out.add(a + (int) ((long) len * i / pieces));
        }
    }

    /** Per-thread scratch: Qᵀ, Sᵀ, accᵀ and the per-query running max, sum and correction. */
    static final class Scratch {
        final float[] qt, st, acc, m, l, corr;

        Scratch(int maxRows, int maxKeys, int d4) {
            qt = new float[d4 * maxRows];
            st = new float[maxKeys * maxRows];
            acc = new float[d4 * maxRows];
            m = new float[maxRows];
            l = new float[maxRows];
            corr = new float[maxRows];
        }
    }

    private static final class IntList {
        int[] a = new int[16];
        int size;

        void add(int x) {
            if (size == a.length) a = Arrays.copyOf(a, 2 * size);
            a[size++] = x;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }

    /** One query tile of one head against all the segments it visits. */
    static void runTile(Plan plan, int t, int d, int d4, float scale, float[] q, int qBase, int ldq,
                        float[] kp, int kpBase, float[] vt, int vtBase, float[] o, int oBase, int ldo, Scratch sc) {
        int q0 = plan.qs[t], rows = plan.qs[t + 1] - q0;
        int rp = roundUp(rows, RQ); // row length of Qᵀ, Sᵀ and accᵀ
        int pairs = rp - rp % NB;   // query columns covered by the two-vector kernels; at most one vector remains
        float[] qt = sc.qt, st = sc.st, acc = sc.acc, m = sc.m, l = sc.l, corr = sc.corr;
        transposeQueries(q, qBase + q0 * ldq, ldq, rows, rp, d, scale, qt);
        Arrays.fill(acc, 0, d4 * rp, 0f);
        Arrays.fill(m, 0, rp, Float.NEGATIVE_INFINITY);
        Arrays.fill(l, 0, rp, 0f);
        for (int seg : plan.tileSegs[t]) {
            int k0 = plan.ks[seg], n = plan.ks[seg + 1] - k0;
            // Sᵀ = K · Qᵀ; rows c < n are the segment's keys (up to MR - 1 more are computed and never read)
            int kRow = kpBase + k0 * d;
            for (int c = 0; c < n; c += MR) {
                for (int j = 0; j < pairs; j += NB) accumulate4x2(kp, kRow + c * d, d, qt, j, rp, d, st, c * rp + j, rp, null, 0);
                if (pairs < rp) accumulate4x1(kp, kRow + c * d, d, qt, pairs, rp, d, st, c * rp + pairs, rp, null, 0);
            }
            for (int j = 0; j < rp; j += L) softmaxColumns(st, j, rp, n, m, l, corr);
            // accᵀ = accᵀ·diag(corr) + Vᵀ · Pᵀ
            int vPanel = vtBase + k0 * d4;
            for (int dd = 0; dd < d4; dd += MR) {
                for (int j = 0; j < pairs; j += NB) {
                    accumulate4x2(vt, vPanel + dd * n, n, st, j, rp, n, acc, dd * rp + j, rp, corr, j);
                }
                if (pairs < rp) accumulate4x1(vt, vPanel + dd * n, n, st, pairs, rp, n, acc, dd * rp + pairs, rp, corr, pairs);
            }
        }
        storeTransposed(acc, rp, rows, d, l, o, oBase + q0 * ldo, ldo);
    }

    /** Copies {@code n} rows of {@code d} floats (source stride {@code ld}) to consecutive rows at {@code dst}. */
    static void copyRows(float[] x, int src, int ld, int n, int d, float[] dstArr, int dst) {
        for (int c = 0; c < n; c++) System.arraycopy(x, src + c * ld, dstArr, dst + c * d, d);
    }

    /** Writes {@code n} rows of {@code d} floats (source stride {@code ld}) as the columns of a {@code d × n} panel. */
    static void transposeRows(float[] x, int src, int ld, int n, int d, float[] panel, int dst) {
        int c = 0;
        for (; c + 4 <= n; c += 4) {
            int s0 = src + c * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            int di = dst + c;
            for (int dd = 0; dd < d; dd++, di += n) {
                panel[di] = x[s0 + dd];
                panel[di + 1] = x[s1 + dd];
                panel[di + 2] = x[s2 + dd];
                panel[di + 3] = x[s3 + dd];
            }
        }
        for (; c < n; c++) {
            int si = src + c * ld;
            for (int dd = 0; dd < d; dd++) panel[dst + dd * n + c] = x[si + dd];
        }
    }

    /** {@code qt[dd·rp + r] = scale · q[src + r·ldq + dd]} for r &lt; rows; columns rows..rp-1 are zeroed. */
    static void transposeQueries(float[] q, int src, int ldq, int rows, int rp, int d, float scale, float[] qt) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int s0 = src + r * ldq, s1 = s0 + ldq, s2 = s1 + ldq, s3 = s2 + ldq;
            int di = r;
            for (int dd = 0; dd < d; dd++, di += rp) {
                qt[di] = q[s0 + dd] * scale;
                qt[di + 1] = q[s1 + dd] * scale;
                qt[di + 2] = q[s2 + dd] * scale;
                qt[di + 3] = q[s3 + dd] * scale;
            }
        }
        for (; r < rows; r++) {
            int si = src + r * ldq;
            for (int dd = 0; dd < d; dd++) qt[dd * rp + r] = q[si + dd] * scale;
        }
        if (rows < rp) {
            for (int dd = 0; dd < d; dd++) Arrays.fill(qt, dd * rp + rows, dd * rp + rp, 0f);
        }
    }

    /** {@code o[dst + r·ldo + dd] = acc[dd·rp + r] / l[r]} (zeros when {@code l[r] == 0}) for r &lt; rows, dd &lt; d. */
    static void storeTransposed(float[] acc, int rp, int rows, int d, float[] l, float[] o, int dst, int ldo) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float i0 = l[r] > 0 ? 1f / l[r] : 0f, i1 = l[r + 1] > 0 ? 1f / l[r + 1] : 0f;
            float i2 = l[r + 2] > 0 ? 1f / l[r + 2] : 0f, i3 = l[r + 3] > 0 ? 1f / l[r + 3] : 0f;
            int o0 = dst + r * ldo, o1 = o0 + ldo, o2 = o1 + ldo, o3 = o2 + ldo;
            int ai = r;
            for (int dd = 0; dd < d; dd++, ai += rp) {
                o[o0 + dd] = acc[ai] * i0;
                o[o1 + dd] = acc[ai + 1] * i1;
                o[o2 + dd] = acc[ai + 2] * i2;
                o[o3 + dd] = acc[ai + 3] * i3;
            }
        }
        for (; r < rows; r++) {
            float inv = l[r] > 0 ? 1f / l[r] : 0f;
            int oi = dst + r * ldo;
            for (int dd = 0; dd < d; dd++) o[oi + dd] = acc[dd * rp + r] * inv;
        }
    }

    /**
     * Online-softmax step for the queries in lanes {@code j .. j+L} of the transposed scores {@code st[c·rp + j]},
     * {@code c < n}: updates the running max {@code m} and sum {@code l}, sets {@code corr = exp(m_old − m_new)} and
     * overwrites the scores with {@code exp(s − m_new)}.
     */
    static void softmaxColumns(float[] st, int j, int rp, int n, float[] m, float[] l, float[] corr) {
        FloatVector mOld = FloatVector.fromArray(SP, m, j);
        FloatVector mNew = mOld;
        for (int c = 0; c < n; c++) mNew = mNew.max(FloatVector.fromArray(SP, st, c * rp + j));
        FloatVector sum = FloatVector.zero(SP);
        for (int c = 0; c < n; c++) {
            int i = c * rp + j;
            FloatVector p = VectorExp.exp(FloatVector.fromArray(SP, st, i).sub(mNew));
            p.intoArray(st, i);
            sum = sum.add(p);
        }
        // exp(-inf) = 0 on a query's first segment; n ≥ 1 finite scores keep mNew finite
        FloatVector cr = VectorExp.exp(mOld.sub(mNew));
        cr.intoArray(corr, j);
        mNew.intoArray(m, j);
        FloatVector.fromArray(SP, l, j).fma(cr, sum).intoArray(l, j);
    }

    /**
     * {@code c[4 × 2L] = c·diag(corr[cr .. cr+2L]) + A · b[kLen × 2L]}, or {@code A · b} alone when {@code corr} is
     * null: A's rows at {@code aOff + i·lda} (elements contiguous), b's rows at {@code bOff + p·ldb}. For the scores
     * A = four packed key rows, b = Qᵀ, c = Sᵀ (no corr); for the output A = four rows of the Vᵀ panel, b = Pᵀ,
     * c = accᵀ, and the correction scales each query column.
     */
    static void accumulate4x2(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, int kLen,
                              float[] c, int cOff, int ldc, float[] corr, int cr) {
        int r1 = cOff + ldc, r2 = cOff + 2 * ldc, r3 = cOff + 3 * ldc;
        FloatVector c00 = scaled(c, cOff, corr, cr), c01 = scaled(c, cOff + L, corr, cr + L);
        FloatVector c10 = scaled(c, r1, corr, cr), c11 = scaled(c, r1 + L, corr, cr + L);
        FloatVector c20 = scaled(c, r2, corr, cr), c21 = scaled(c, r2 + L, corr, cr + L);
        FloatVector c30 = scaled(c, r3, corr, cr), c31 = scaled(c, r3 + L, corr, cr + L);
        int a0 = aOff, a1 = aOff + lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda;
        for (int p = 0; p < kLen; p++) {
            int bi = bOff + p * ldb;
            FloatVector b0 = FloatVector.fromArray(SP, b, bi);
            FloatVector b1 = FloatVector.fromArray(SP, b, bi + L);
            FloatVector x = FloatVector.broadcast(SP, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SP, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SP, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SP, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
    }

    /** {@code c[i .. i+L]·corr[k .. k+L]}, or zero when {@code corr} is null. */
    private static FloatVector scaled(float[] c, int i, float[] corr, int k) {
        if (corr == null) return FloatVector.zero(SP);
        return FloatVector.fromArray(SP, c, i).mul(FloatVector.fromArray(SP, corr, k));
    }

    /** As {@link #accumulate4x2} for one vector of columns. */
    static void accumulate4x1(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, int kLen,
                              float[] c, int cOff, int ldc, float[] corr, int cr) {
        FloatVector c0 = scaled(c, cOff, corr, cr), c1 = scaled(c, cOff + ldc, corr, cr);
        FloatVector c2 = scaled(c, cOff + 2 * ldc, corr, cr), c3 = scaled(c, cOff + 3 * ldc, corr, cr);
        int a0 = aOff, a1 = aOff + lda, a2 = aOff + 2 * lda, a3 = aOff + 3 * lda;
        for (int p = 0; p < kLen; p++) {
            FloatVector b0 = FloatVector.fromArray(SP, b, bOff + p * ldb);
            c0 = FloatVector.broadcast(SP, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(SP, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(SP, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(SP, a[a3 + p]).fma(b0, c3);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
    }

    static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }
}
