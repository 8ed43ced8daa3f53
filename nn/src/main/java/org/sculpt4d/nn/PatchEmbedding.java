package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * A convolution whose stride equals its kernel (a ViT patch embedding, PyTorch {@code Conv2d(c→width, k=p, s=p)}),
 * computed as one GEMM: every non-overlapping {@code p×p} patch is unfolded into a row of {@code c·p·p} values in the
 * weight's {@code (channel, row, column)} order, then multiplied by the flattened {@code [width, c, p, p]} weight.
 * Rows and columns of the image that do not fill a whole patch are dropped, as the convolution drops them.
 */
public final class PatchEmbedding {
    private final Linear projection;
    private final int channels;
    private final int patch;

    public PatchEmbedding(Tensor weight, Tensor bias) {
        weight.requireShape("patch embedding weight", -1, -1, -1, -1);
        if (weight.dim(2) != weight.dim(3)) {
            throw new IllegalArgumentException("patch embedding kernel must be square, got " + weight.dim(2) + "×" + weight.dim(3));
        }
        this.channels = weight.dim(1);
        this.patch = weight.dim(2);
        this.projection = new Linear(weight.reshape(weight.dim(0), channels * patch * patch), bias);
    }

    /** Loads {@code weight [width, channels, patch, patch]} and {@code bias [width]}. */
    public static PatchEmbedding load(WeightBinder w, int channels, int width, int patch) {
        return new PatchEmbedding(w.take("weight", width, channels, patch, patch), w.take("bias", width));
    }

    public int patch() {
        return patch;
    }

    /** {@code image [channels, H, W]} → tokens {@code [(H/p)·(W/p), width]}, patches in row-major order. */
    public Tensor forward(Tensor image) {
        image.requireShape("patch embedding input", channels, -1, -1);
        int h = image.dim(1), w = image.dim(2), rows = h / patch, cols = w / patch, k = channels * patch * patch;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("image " + h + "×" + w + " is smaller than one " + patch + "×" + patch + " patch");
        }
        float[] src = image.data();
        float[] unfolded = new float[rows * cols * k];
        for (int pr = 0; pr < rows; pr++) {
            for (int pc = 0; pc < cols; pc++) {
                int dst = (pr * cols + pc) * k;
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < patch; y++) {
                        System.arraycopy(src, image.offset() + (c * h + pr * patch + y) * w + pc * patch, unfolded, dst, patch);
                        dst += patch;
                    }
                }
            }
        }
        return projection.forward(Tensor.wrap(unfolded, rows * cols, k));
    }
}
