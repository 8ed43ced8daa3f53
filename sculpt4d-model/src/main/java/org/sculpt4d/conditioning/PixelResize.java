package org.sculpt4d.conditioning;

/**
 * OpenCV's {@code cv2.resize} of 8-bit images for the two modes Hunyuan's {@code ImageProcessorV2} uses (spec §4.1),
 * following OpenCV's scalar reference path:
 * <ul>
 *   <li>{@link #cubic}: INTER_CUBIC, a = −0.75, source {@code (dst + 0.5)·in/out − 0.5} (float), the four taps
 *       replicated at the border; weights rounded to 11-bit fixed point ({@code round(w·2048)}), columns summed in
 *       integers, then rows, then {@code (sum + 2²¹) >> 22} saturated to 0..255.</li>
 *   <li>{@link #area}: INTER_AREA. Shrinking on both axes averages the covered source area (exact rational weights,
 *       rounded half to even), except an exact 2× shrink, which OpenCV runs as INTER_LINEAR. Otherwise (enlarging
 *       on either axis) it is OpenCV's area-mode linear interpolation: {@code sx = ⌊dx·in/out⌋},
 *       {@code fx = frac((dx+1) − (sx+1)·out/in)} (0 when not positive), in the same fixed point as the cubic mode.</li>
 * </ul>
 * Known differences from OpenCV builds: its SIMD kernels round some intermediate sums in float and its general area
 * shrink accumulates float weights (skipping slivers below 1e-3 of a pixel), so a pixel can differ by 1 at exact
 * rounding ties; this class is the deterministic definition the golden bundles check.
 */
public final class PixelResize {
    private static final int COEF_BITS = 11;
    private static final int COEF_SCALE = 1 << COEF_BITS;

    private PixelResize() {
    }

    /** INTER_CUBIC to {@code outH × outW}. */
    public static PixelImage cubic(PixelImage src, int outH, int outW) {
        return fixedPoint(src, cubicTaps(src.height(), outH), cubicTaps(src.width(), outW));
    }

    /** INTER_AREA to {@code outH × outW}. */
    public static PixelImage area(PixelImage src, int outH, int outW) {
        double scaleY = (double) src.height() / outH, scaleX = (double) src.width() / outW;
        if (scaleX >= 1 && scaleY >= 1) {
            if (scaleX == 2 && scaleY == 2) {
                return fixedPoint(src, linearTaps(src.height(), outH, false, false),
                        linearTaps(src.width(), outW, false, true));
            }
            return areaAverage(src, outH, outW);
        }
        return fixedPoint(src, linearTaps(src.height(), outH, true, false), linearTaps(src.width(), outW, true, true));
    }

    /** Fixed-point taps of one axis ({@code weight} in units of 1/2048). */
    private record Taps(int taps, int[] index, int[] weight) {
        int size() {
            return index.length / taps;
        }
    }

    private static int fixed(float w) {
        return (int) Math.rint(w * COEF_SCALE);
    }

    private static Taps cubicTaps(int in, int out) {
        double scale = (double) in / out;
        int[] index = new int[4 * out], weight = new int[4 * out];
        for (int d = 0; d < out; d++) {
            float f = (float) ((d + 0.5) * scale - 0.5);
            int s = (int) Math.floor(f);
            f -= s;
            float a = Resampling.CUBIC_A;
            float c0 = ((a * (f + 1) - 5 * a) * (f + 1) + 8 * a) * (f + 1) - 4 * a;
            float c1 = ((a + 2) * f - (a + 3)) * f * f + 1;
            float c2 = ((a + 2) * (1 - f) - (a + 3)) * (1 - f) * (1 - f) + 1;
            float c3 = 1f - c0 - c1 - c2;
            float[] c = {c0, c1, c2, c3};
            for (int k = 0; k < 4; k++) {
                index[4 * d + k] = Math.min(Math.max(s - 1 + k, 0), in - 1);
                weight[4 * d + k] = fixed(c[k]);
            }
        }
        return new Taps(4, index, weight);
    }

    /**
     * Two-tap linear taps: half-pixel INTER_LINEAR, or INTER_AREA's enlarging variant ({@code areaMode}). Indices
     * are clamped; along columns (as in OpenCV's horizontal pass) a source position before the first or on/past the
     * last sample takes that sample with the whole weight, along rows both weights stay on the clamped row.
     */
    private static Taps linearTaps(int in, int out, boolean areaMode, boolean columns) {
        double scale = (double) in / out, inv = (double) out / in;
        int[] index = new int[2 * out], weight = new int[2 * out];
        for (int d = 0; d < out; d++) {
            int s;
            float f;
            if (areaMode) {
                s = (int) Math.floor(d * scale);
                f = (float) ((d + 1) - (s + 1) * inv);
                f = f <= 0 ? 0f : f - (float) Math.floor(f);
            } else {
                f = (float) ((d + 0.5) * scale - 0.5);
                s = (int) Math.floor(f);
                f -= s;
            }
            if (columns && s < 0) {
                s = 0;
                f = 0;
            }
            if (columns && s >= in - 1) {
                s = in - 1;
                f = 0;
            }
            index[2 * d] = Math.min(Math.max(s, 0), in - 1);
            index[2 * d + 1] = Math.min(Math.max(s + 1, 0), in - 1);
            weight[2 * d] = fixed(1f - f);
            weight[2 * d + 1] = fixed(f);
        }
        return new Taps(2, index, weight);
    }

    /** Columns then rows in integers, {@code (Σ + 2²¹) >> 22}, saturated. */
    private static PixelImage fixedPoint(PixelImage src, Taps rows, Taps cols) {
        int h = src.height(), w = src.width(), c = src.channels(), outH = rows.size(), outW = cols.size();
        long[] wide = new long[h * outW * c];
        int[] v = src.values();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                for (int j = 0; j < cols.taps(); j++) {
                    int wt = cols.weight()[x * cols.taps() + j];
                    int s = (y * w + cols.index()[x * cols.taps() + j]) * c;
                    for (int ch = 0; ch < c; ch++) wide[(y * outW + x) * c + ch] += (long) wt * v[s + ch];
                }
            }
        }
        PixelImage out = PixelImage.blank(outH, outW, c);
        int rowLen = outW * c;
        for (int y = 0; y < outH; y++) {
            for (int i = 0; i < rowLen; i++) {
                long sum = 0;
                for (int j = 0; j < rows.taps(); j++) {
                    sum += (long) rows.weight()[y * rows.taps() + j] * wide[rows.index()[y * rows.taps() + j] * rowLen + i];
                }
                out.values()[y * rowLen + i] = saturate((sum + (1L << (2 * COEF_BITS - 1))) >> (2 * COEF_BITS));
            }
        }
        return out;
    }

    /**
     * Area average of a shrink: in units of 1/out the source pixel k spans {@code [k·out, (k+1)·out)} and the
     * destination pixel d spans {@code [d·in, (d+1)·in)}, so every overlap is an integer and the average
     * {@code Σ overlapY·overlapX·v / (inH·inW)} is exact; it is rounded half to even.
     */
    private static PixelImage areaAverage(PixelImage src, int outH, int outW) {
        int[][] ox = overlaps(src.width(), outW), oy = overlaps(src.height(), outH);
        int c = src.channels();
        long denom = (long) src.height() * src.width();
        PixelImage out = PixelImage.blank(outH, outW, c);
        for (int dy = 0; dy < outH; dy++) {
            for (int dx = 0; dx < outW; dx++) {
                for (int ch = 0; ch < c; ch++) {
                    long sum = 0;
                    for (int sy = oy[dy][0]; sy < oy[dy][0] + oy[dy].length - 1; sy++) {
                        long wy = oy[dy][1 + sy - oy[dy][0]];
                        long row = 0;
                        for (int sx = ox[dx][0]; sx < ox[dx][0] + ox[dx].length - 1; sx++) {
                            row += ox[dx][1 + sx - ox[dx][0]] * (long) src.get(sy, sx, ch);
                        }
                        sum += wy * row;
                    }
                    out.set(dy, dx, ch, roundHalfEven(sum, denom));
                }
            }
        }
        return out;
    }

    /** Per destination pixel: {@code {first source index, overlap of each covered source pixel...}} (units 1/out). */
    private static int[][] overlaps(int in, int out) {
        int[][] result = new int[out][];
        for (int d = 0; d < out; d++) {
            long lo = (long) d * in, hi = (long) (d + 1) * in;
            int first = (int) (lo / out), last = (int) ((hi - 1) / out);
            int[] o = new int[last - first + 2];
            o[0] = first;
            for (int k = first; k <= last; k++) {
                o[1 + k - first] = (int) (Math.min(hi, (long) (k + 1) * out) - Math.max(lo, (long) k * out));
            }
            result[d] = o;
        }
        return result;
    }

    private static int roundHalfEven(long num, long den) {
        long q = num / den, r = num % den;
        if (2 * r > den || (2 * r == den && (q & 1) == 1)) q++;
        return saturate(q);
    }

    private static int saturate(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }
}
