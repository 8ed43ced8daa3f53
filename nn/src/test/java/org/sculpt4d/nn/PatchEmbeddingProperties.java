package org.sculpt4d.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.tensor.Tensor;

class PatchEmbeddingProperties {

    /** The GEMM equals a direct stride-p convolution (double sums), leftover rows/columns dropped. */
    @Property(tries = 60)
    void equalsDirectConvolution(@ForAll @IntRange(min = 1, max = 3) int channels, @ForAll @IntRange(min = 1, max = 5) int patch,
                                 @ForAll @IntRange(min = 1, max = 6) int width, @ForAll @IntRange(min = 0, max = 14) int extraH,
                                 @ForAll @IntRange(min = 0, max = 14) int extraW, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int h = patch + extraH, w = patch + extraW, rows = h / patch, cols = w / patch;
        Tensor weight = random(r, width, channels, patch, patch), bias = random(r, width), image = random(r, channels, h, w);
        Tensor got = new PatchEmbedding(weight, bias).forward(image);
        assertArrayEquals(new int[] {rows * cols, width}, got.shape());
        for (int pr = 0; pr < rows; pr++) {
            for (int pc = 0; pc < cols; pc++) {
                for (int o = 0; o < width; o++) {
                    double sum = bias.get(o);
                    for (int c = 0; c < channels; c++) {
                        for (int y = 0; y < patch; y++) {
                            for (int x = 0; x < patch; x++) {
                                sum += (double) weight.get(o, c, y, x) * image.get(c, pr * patch + y, pc * patch + x);
                            }
                        }
                    }
                    assertEquals(sum, got.get(pr * cols + pc, o), 1e-5 * (1 + Math.abs(sum)));
                }
            }
        }
    }

    private static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (2 * r.nextDouble() - 1);
        return t;
    }
}
