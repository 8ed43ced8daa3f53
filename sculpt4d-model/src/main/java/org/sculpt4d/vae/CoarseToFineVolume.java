package org.sculpt4d.vae;

import java.util.BitSet;
import org.sculpt4d.tensor.Tensor;

/**
 * Coarse-to-fine decoding of a field on a {@link QueryGrid}: the network is evaluated only near the surface, as in
 * FlashVDM (spec §6.5), but with exact attention, so every value it evaluates equals the dense decoder's bit for bit.
 *
 * <p>The grid's R cells per axis are grouped into blocks of {@code stride³} cells. Steps:
 * <ol>
 *   <li>Evaluate the coarse nodes: the grid samples whose indices are multiples of {@code stride} (and the last one).</li>
 *   <li>A block is <em>active</em> when its 8 coarse corners are not all on the same side of the level (inside means
 *       {@code value − level > 0}; NaN is outside, as in marching cubes) or one of them lies within {@code band} of
 *       the level (upstream's refinement rule uses |logit| &lt; 0.95). Every sample of an active block is evaluated.</li>
 *   <li>Until nothing changes: an inactive block one of whose evaluated samples (on a face shared with an active
 *       block) disagrees with its corners' side, or lies within the band, becomes active and is evaluated.</li>
 *   <li>The other samples get the trilinear interpolation of their block's corners, which keeps the corners' side.</li>
 * </ol>
 * Every grid cell lies in one block, so a cell with a sign change has all 8 corners evaluated, and a cell of an
 * inactive block has none. Marching cubes on the result therefore gives exactly the dense decoder's mesh unless a
 * surface hides entirely inside a block whose corners and shared faces all see one side (a feature smaller than the
 * block, beyond the band) — the same limitation as FlashVDM's, which a wider band or a smaller stride removes.
 */
public final class CoarseToFineVolume {
    public static final int DEFAULT_STRIDE = 4;
    /** Upstream's |logit| threshold for refinement (spec §6.5). */
    public static final float DEFAULT_BAND = 0.95f;

    private final int stride;
    private final float band;
    private final int chunk;

    /**
     * @param stride cells per block edge (≥ 2)
     * @param band   a block is refined when a corner value is within {@code band} of the level (≥ 0)
     * @param chunk  points per call into the field
     */
    public CoarseToFineVolume(int stride, float band, int chunk) {
        if (stride < 2) throw new IllegalArgumentException("coarse-to-fine volume: stride " + stride + " is below 2");
        if (!(band >= 0)) throw new IllegalArgumentException("coarse-to-fine volume: band " + band + " is not ≥ 0");
        if (chunk < 1) throw new IllegalArgumentException("coarse-to-fine volume: chunk " + chunk + " is not positive");
        this.stride = stride;
        this.band = band;
        this.chunk = chunk;
    }

    public CoarseToFineVolume() {
        this(DEFAULT_STRIDE, DEFAULT_BAND, GeometryField.DEFAULT_CHUNK);
    }

    /**
     * @param volume    {@code [R+1, R+1, R+1]}, axes (x, y, z) as the dense decoder's
     * @param evaluated flat indices of the samples the field was evaluated at (the others are interpolated)
     */
    public record Result(Tensor volume, BitSet evaluated) {
        /** Share of the grid's samples that were evaluated. */
        public double evaluatedFraction() {
            return evaluated.cardinality() / (double) volume.size();
        }
    }

    /** Decodes {@code field} on {@code grid}, refining around {@code level}. */
    public Result decode(ImplicitField field, QueryGrid grid, float level) {
        return new Run(field, grid, level).decode();
    }

    /** One decoding: the grid's values and which of them are evaluated. */
    private final class Run {
        private final ImplicitField field;
        private final float level;
        private final int n;          // samples per axis, R + 1
        private final int blocks;     // blocks per axis
        private final float[] x, y, z;
        private final float[] values;
        private final BitSet evaluated = new BitSet();
        private final boolean[] active;

        Run(ImplicitField field, QueryGrid grid, float level) {
            this.field = field;
            this.level = level;
            this.n = grid.samples();
            this.blocks = (grid.resolution() + stride - 1) / stride;
            this.x = grid.axis(0);
            this.y = grid.axis(1);
            this.z = grid.axis(2);
            this.values = new float[n * n * n];
            this.active = new boolean[blocks * blocks * blocks];
        }

        Result decode() {
            BitSet coarse = new BitSet();
            for (int i = 0; i <= blocks; i++) {
                for (int j = 0; j <= blocks; j++) {
                    for (int k = 0; k <= blocks; k++) coarse.set(flat(node(i), node(j), node(k)));
                }
            }
            evaluate(coarse);
            BitSet fresh = new BitSet();
            for (int b = 0; b < active.length; b++) {
                if (!cornersAgree(b)) activate(b, fresh);
            }
            while (!fresh.isEmpty()) {
                evaluate(fresh);
                fresh = new BitSet();
                for (int b = 0; b < active.length; b++) {
                    if (!active[b] && !evaluatedSamplesAgree(b)) activate(b, fresh);
                }
            }
            for (int b = 0; b < active.length; b++) {
                if (!active[b]) interpolate(b);
            }
            return new Result(Tensor.wrap(values, n, n, n), evaluated);
        }

        /** Grid index of coarse node {@code c}. */
        private int node(int c) {
            return Math.min(c * stride, n - 1);
        }

        private int flat(int i, int j, int k) {
            return (i * n + j) * n + k;
        }

        private boolean inside(float v) {
            return v - level > 0;
        }

        private boolean nearLevel(float v) {
            return Math.abs(v - level) < band;
        }

        /** True when the block's 8 corners are on one side of the level, none within the band. */
        private boolean cornersAgree(int b) {
            int bi = b / (blocks * blocks), bj = b / blocks % blocks, bk = b % blocks;
            boolean side = inside(values[flat(node(bi), node(bj), node(bk))]);
            for (int c = 0; c < 8; c++) {
                float v = values[flat(node(bi + (c >> 2)), node(bj + (c >> 1 & 1)), node(bk + (c & 1)))];
                if (inside(v) != side || nearLevel(v)) return false;
            }
            return true;
        }

        /** True when every evaluated sample of the (inactive) block is on its corners' side, outside the band. */
        private boolean evaluatedSamplesAgree(int b) {
            int bi = b / (blocks * blocks), bj = b / blocks % blocks, bk = b % blocks;
            boolean side = inside(values[flat(node(bi), node(bj), node(bk))]);
            for (int i = node(bi); i <= node(bi + 1); i++) {
                for (int j = node(bj); j <= node(bj + 1); j++) {
                    for (int k = node(bk); k <= node(bk + 1); k++) {
                        int f = flat(i, j, k);
                        if (evaluated.get(f) && (inside(values[f]) != side || nearLevel(values[f]))) return false;
                    }
                }
            }
            return true;
        }

        /** Marks the block active and adds its samples not evaluated yet to {@code todo}. */
        private void activate(int b, BitSet todo) {
            active[b] = true;
            int bi = b / (blocks * blocks), bj = b / blocks % blocks, bk = b % blocks;
            for (int i = node(bi); i <= node(bi + 1); i++) {
                for (int j = node(bj); j <= node(bj + 1); j++) {
                    for (int k = node(bk); k <= node(bk + 1); k++) {
                        int f = flat(i, j, k);
                        if (!evaluated.get(f)) todo.set(f);
                    }
                }
            }
        }

        /** Evaluates the field at the given samples, {@code chunk} points per call. */
        private void evaluate(BitSet todo) {
            int[] index = todo.stream().toArray();
            for (int start = 0; start < index.length; start += chunk) {
                int count = Math.min(chunk, index.length - start);
                float[] points = new float[3 * count];
                for (int p = 0; p < count; p++) {
                    int f = index[start + p];
                    points[3 * p] = x[f / (n * n)];
                    points[3 * p + 1] = y[f / n % n];
                    points[3 * p + 2] = z[f % n];
                }
                float[] v = field.logits(Tensor.wrap(points, count, 3));
                if (v.length != count) {
                    throw new IllegalStateException("field returned " + v.length + " values for " + count + " points");
                }
                for (int p = 0; p < count; p++) values[index[start + p]] = v[p];
            }
            evaluated.or(todo);
        }

        /** Trilinear interpolation of the block's corners at its samples not evaluated (NaN corners give NaN). */
        private void interpolate(int b) {
            int bi = b / (blocks * blocks), bj = b / blocks % blocks, bk = b % blocks;
            int i0 = node(bi), i1 = node(bi + 1), j0 = node(bj), j1 = node(bj + 1), k0 = node(bk), k1 = node(bk + 1);
            float[] c = new float[8];
            for (int q = 0; q < 8; q++) {
                c[q] = values[flat((q & 4) == 0 ? i0 : i1, (q & 2) == 0 ? j0 : j1, (q & 1) == 0 ? k0 : k1)];
            }
            for (int i = i0; i <= i1; i++) {
                float u = (i - i0) / (float) (i1 - i0);
                for (int j = j0; j <= j1; j++) {
                    float v = (j - j0) / (float) (j1 - j0);
                    for (int k = k0; k <= k1; k++) {
                        int f = flat(i, j, k);
                        if (evaluated.get(f)) continue;
                        float w = (k - k0) / (float) (k1 - k0);
                        float lo = lerp(lerp(c[0], c[1], w), lerp(c[2], c[3], w), v);
                        float hi = lerp(lerp(c[4], c[5], w), lerp(c[6], c[7], w), v);
                        values[f] = lerp(lo, hi, u);
                    }
                }
            }
        }

        private float lerp(float a, float b, float t) {
            return a + (b - a) * t;
        }
    }

    @Override
    public String toString() {
        return "CoarseToFineVolume[stride=" + stride + ", band=" + band + ", chunk=" + chunk + "]";
    }
}
