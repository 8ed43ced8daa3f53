package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PixelResizeProperties {

    /**
     * A shrink on both axes is the average over each destination pixel's source area: compared with a double
     * evaluation of the fractional overlaps, rounded (exact ties, where rounding direction is a convention, skipped).
     */
    @Property(tries = 60)
    void areaShrinkAveragesTheCoveredArea(@ForAll @IntRange(min = 1, max = 12) int outH, @ForAll @IntRange(min = 1, max = 12) int outW,
                                          @ForAll @IntRange(min = 0, max = 13) int extraH, @ForAll @IntRange(min = 0, max = 13) int extraW,
                                          @ForAll long seed) {
        int h = outH + extraH, w = outW + extraW;
        PixelImage src = random(new SplittableRandom(seed), h, w, 2);
        PixelImage got = PixelResize.area(src, outH, outW);
        if (h == 2 * outH && w == 2 * outW) return; // OpenCV's INTER_LINEAR special case, checked below
        double sy = (double) h / outH, sx = (double) w / outW;
        for (int dy = 0; dy < outH; dy++) {
            for (int dx = 0; dx < outW; dx++) {
                for (int c = 0; c < 2; c++) {
                    double sum = 0;
                    for (int y = 0; y < h; y++) {
                        double oy = Math.max(0, Math.min(y + 1, (dy + 1) * sy) - Math.max(y, dy * sy));
                        for (int x = 0; x < w; x++) {
                            double ox = Math.max(0, Math.min(x + 1, (dx + 1) * sx) - Math.max(x, dx * sx));
                            sum += oy * ox * src.get(y, x, c);
                        }
                    }
                    double mean = sum / (sy * sx);
                    if (Math.abs(mean - Math.floor(mean) - 0.5) < 1e-9) continue;
                    assertEquals(Math.round(mean), got.get(dy, dx, c), dy + "," + dx + "," + c + " mean " + mean);
                }
            }
        }
    }

    /** An exact 2× shrink (OpenCV switches to INTER_LINEAR) is the 2×2 average rounded half up. */
    @Property(tries = 20)
    void exactHalfIsTheRoundedQuadAverage(@ForAll @IntRange(min = 1, max = 9) int outH, @ForAll @IntRange(min = 1, max = 9) int outW,
                                          @ForAll long seed) {
        PixelImage src = random(new SplittableRandom(seed), 2 * outH, 2 * outW, 3);
        PixelImage got = PixelResize.area(src, outH, outW);
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int c = 0; c < 3; c++) {
                    int s = src.get(2 * y, 2 * x, c) + src.get(2 * y + 1, 2 * x, c) + src.get(2 * y, 2 * x + 1, c)
                            + src.get(2 * y + 1, 2 * x + 1, c);
                    assertEquals((s + 2) / 4, got.get(y, x, c));
                }
            }
        }
    }

    /** Enlarging (area-mode linear) and cubic resizes keep constants, and linear stays within the source's range. */
    @Property(tries = 60)
    void constantsAndRange(@ForAll @IntRange(min = 1, max = 10) int h, @ForAll @IntRange(min = 1, max = 10) int w,
                           @ForAll @IntRange(min = 1, max = 24) int outH, @ForAll @IntRange(min = 1, max = 24) int outW,
                           @ForAll @IntRange(min = 0, max = 255) int value, @ForAll long seed) {
        PixelImage flat = new PixelImage(h, w, 1, new int[h * w]);
        Arrays.fill(flat.values(), value);
        for (int v : PixelResize.area(flat, outH, outW).values()) assertEquals(value, v);
        for (int v : PixelResize.cubic(flat, outH, outW).values()) assertEquals(value, v);
        PixelImage src = random(new SplittableRandom(seed), h, w, 1);
        int min = Arrays.stream(src.values()).min().orElseThrow();
        int max = Arrays.stream(src.values()).max().orElseThrow();
        for (int v : PixelResize.area(src, outH, outW).values()) assertTrue(v >= min && v <= max, v + " outside " + min + ".." + max);
    }

    /** Cubic resizing to the same size returns the image (the tap weights are 0, 1, 0, 0). */
    @Property(tries = 20)
    void cubicIdentity(@ForAll @IntRange(min = 1, max = 10) int h, @ForAll @IntRange(min = 1, max = 10) int w, @ForAll long seed) {
        PixelImage src = random(new SplittableRandom(seed), h, w, 3);
        assertArrayEquals(src.values(), PixelResize.cubic(src, h, w).values());
    }

    private static PixelImage random(SplittableRandom r, int h, int w, int c) {
        int[] v = new int[h * w * c];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(256);
        return new PixelImage(h, w, c, v);
    }
}
