package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.Tensor;

class ResamplingProperties {

    /**
     * Against a direct per-element evaluation of PyTorch's definitions (align_corners=False): bicubic
     * {@code Σ_ij w(ty)_i w(tx)_j x[clamp(fy−1+i), clamp(fx−1+j)]} from an unclamped source coordinate, bilinear from a
     * coordinate clamped at 0, evaluated in double.
     */
    @Property(tries = 80)
    void matchesDirectEvaluation(@ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                                 @ForAll @IntRange(min = 1, max = 12) int outH, @ForAll @IntRange(min = 1, max = 12) int outW,
                                 @ForAll boolean cubic, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int c = 2;
        Tensor grid = Tensor.zeros(h, w, c);
        for (int i = 0; i < grid.size(); i++) grid.data()[i] = (float) (4 * r.nextDouble() - 2);
        Tensor got = cubic ? Resampling.bicubic(grid, outH, outW) : Resampling.bilinear(grid, outH, outW);
        assertArrayEquals(new int[] {outH, outW, c}, got.shape());
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int ch = 0; ch < c; ch++) {
                    double want = cubic ? cubicAt(grid, y, x, ch, outH, outW) : linearAt(grid, y, x, ch, outH, outW);
                    assertEquals(want, got.get(y, x, ch), 2e-5 * (1 + Math.abs(want)), y + "," + x + "," + ch);
                }
            }
        }
    }

    /** A constant grid stays constant, and resizing to the same size is the identity. */
    @Property(tries = 40)
    void constantsAndIdentity(@ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int w,
                              @ForAll @IntRange(min = 1, max = 12) int outH, @ForAll boolean cubic, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float v = (float) r.nextDouble(-3, 3);
        Tensor flat = Tensor.full(v, h, w, 1);
        Tensor out = cubic ? Resampling.bicubic(flat, outH, outH + 1) : Resampling.bilinear(flat, outH, outH + 1);
        for (float f : out.toArray()) assertEquals(v, f, 1e-5f);
        Tensor grid = Tensor.zeros(h, w, 1);
        for (int i = 0; i < grid.size(); i++) grid.data()[i] = (float) r.nextDouble();
        Tensor same = cubic ? Resampling.bicubic(grid, h, w) : Resampling.bilinear(grid, h, w);
        assertArrayEquals(grid.toArray(), same.toArray(), 1e-6f);
    }

    private static double cubicAt(Tensor g, int y, int x, int ch, int outH, int outW) {
        double sy = (double) g.dim(0) / outH * (y + 0.5) - 0.5, sx = (double) g.dim(1) / outW * (x + 0.5) - 0.5;
        int fy = (int) Math.floor(sy), fx = (int) Math.floor(sx);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                int yy = clamp(fy - 1 + i, g.dim(0)), xx = clamp(fx - 1 + j, g.dim(1));
                sum += kernel(sy - (fy - 1 + i)) * kernel(sx - (fx - 1 + j)) * g.get(yy, xx, ch);
            }
        }
        return sum;
    }

    /** Keys' cubic convolution kernel with a = −0.75. */
    private static double kernel(double d) {
        double a = -0.75, t = Math.abs(d);
        if (t <= 1) return (a + 2) * t * t * t - (a + 3) * t * t + 1;
        if (t < 2) return a * t * t * t - 5 * a * t * t + 8 * a * t - 4 * a;
        return 0;
    }

    private static double linearAt(Tensor g, int y, int x, int ch, int outH, int outW) {
        double sy = Math.max(0, (double) g.dim(0) / outH * (y + 0.5) - 0.5);
        double sx = Math.max(0, (double) g.dim(1) / outW * (x + 0.5) - 0.5);
        int y0 = (int) sy, x0 = (int) sx;
        double ty = sy - y0, tx = sx - x0;
        int y1 = clamp(y0 + 1, g.dim(0)), x1 = clamp(x0 + 1, g.dim(1));
        return (1 - ty) * ((1 - tx) * g.get(y0, x0, ch) + tx * g.get(y0, x1, ch))
                + ty * ((1 - tx) * g.get(y1, x0, ch) + tx * g.get(y1, x1, ch));
    }

    private static int clamp(int i, int n) {
        return Math.min(Math.max(i, 0), n - 1);
    }
}
