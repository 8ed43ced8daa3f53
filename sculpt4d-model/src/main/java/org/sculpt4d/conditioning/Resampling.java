package org.sculpt4d.conditioning;

import org.sculpt4d.tensor.Tensor;

/**
 * Float resampling with PyTorch's {@code F.interpolate(..., align_corners=False)} semantics (half-pixel centres,
 * source coordinate {@code (dst + 0.5)·in/out − 0.5}, indices clamped at the border), separable: columns first,
 * then rows. Used for DINOv2's bilinear input resize and bicubic position-embedding interpolation (spec §4.2).
 */
public final class Resampling {
    /** The cubic convolution parameter of PyTorch (and OpenCV) bicubic interpolation. */
    static final float CUBIC_A = -0.75f;

    private Resampling() {
    }

    /**
     * One axis of a separable resampling: output {@code i} is {@code Σ_j weight[i·taps + j] · in[index[i·taps + j]]}.
     */
    record Taps(int taps, int[] index, float[] weight) {
        int size() {
            return index.length / taps;
        }
    }

    /** Bilinear taps, {@code in → out} samples: the source coordinate is clamped at 0 (PyTorch's linear modes). */
    static Taps bilinear(int in, int out) {
        float scale = (float) in / out;
        int[] index = new int[2 * out];
        float[] weight = new float[2 * out];
        for (int i = 0; i < out; i++) {
            float src = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
            int i0 = (int) src;
            int i1 = i0 + (i0 < in - 1 ? 1 : 0);
            float l1 = src - i0;
            index[2 * i] = i0;
            index[2 * i + 1] = i1;
            weight[2 * i] = 1f - l1;
            weight[2 * i + 1] = l1;
        }
        return new Taps(2, index, weight);
    }

    /** Bicubic taps (a = −0.75), source coordinate not clamped, the four indices clamped to {@code [0, in−1]}. */
    static Taps bicubic(int in, int out) {
        float scale = (float) in / out;
        int[] index = new int[4 * out];
        float[] weight = new float[4 * out];
        for (int i = 0; i < out; i++) {
            float src = scale * (i + 0.5f) - 0.5f;
            int floor = (int) Math.floor(src);
            float t = src - floor;
            float[] w = {cubicFar(t + 1f), cubicNear(t), cubicNear(1f - t), cubicFar(2f - t)};
            for (int k = 0; k < 4; k++) {
                index[4 * i + k] = Math.min(Math.max(floor - 1 + k, 0), in - 1);
                weight[4 * i + k] = w[k];
            }
        }
        return new Taps(4, index, weight);
    }

    /** Cubic convolution kernel for {@code |x| ≤ 1}. */
    private static float cubicNear(float x) {
        return ((CUBIC_A + 2f) * x - (CUBIC_A + 3f)) * x * x + 1f;
    }

    /** Cubic convolution kernel for {@code 1 < |x| < 2}. */
    private static float cubicFar(float x) {
        return ((CUBIC_A * x - 5f * CUBIC_A) * x + 8f * CUBIC_A) * x - 4f * CUBIC_A;
    }

    /** Bilinear resize of a channels-last grid {@code [H, W, C]} to {@code [outH, outW, C]}. */
    public static Tensor bilinear(Tensor grid, int outH, int outW) {
        grid.requireShape("bilinear input", -1, -1, -1);
        return resize(grid, bilinear(grid.dim(0), outH), bilinear(grid.dim(1), outW));
    }

    /** Bicubic resize of a channels-last grid {@code [H, W, C]} to {@code [outH, outW, C]}. */
    public static Tensor bicubic(Tensor grid, int outH, int outW) {
        grid.requireShape("bicubic input", -1, -1, -1);
        return resize(grid, bicubic(grid.dim(0), outH), bicubic(grid.dim(1), outW));
    }

    /** Separable resize of {@code [H, W, C]}: along W with {@code cols}, then along H with {@code rows}. */
    static Tensor resize(Tensor grid, Taps rows, Taps cols) {
        int h = grid.dim(0), w = grid.dim(1), c = grid.dim(2), outH = rows.size(), outW = cols.size();
        float[] src = grid.data();
        int off = grid.offset();
        float[] wide = new float[h * outW * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                int dst = (y * outW + x) * c;
                for (int j = 0; j < cols.taps(); j++) {
                    float wt = cols.weight()[x * cols.taps() + j];
                    int s = off + (y * w + cols.index()[x * cols.taps() + j]) * c;
                    for (int ch = 0; ch < c; ch++) wide[dst + ch] += wt * src[s + ch];
                }
            }
        }
        float[] out = new float[outH * outW * c];
        int rowLen = outW * c;
        for (int y = 0; y < outH; y++) {
            for (int j = 0; j < rows.taps(); j++) {
                float wt = rows.weight()[y * rows.taps() + j];
                int s = rows.index()[y * rows.taps() + j] * rowLen;
                for (int i = 0; i < rowLen; i++) out[y * rowLen + i] += wt * wide[s + i];
            }
        }
        return Tensor.wrap(out, outH, outW, c);
    }
}
