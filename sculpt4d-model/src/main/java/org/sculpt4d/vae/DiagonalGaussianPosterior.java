package org.sculpt4d.vae;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE posterior (spec §2.8): {@code moments = pre_kl(x)}, {@code mean = moments[..., :C]},
 * {@code logvar = clamp(moments[..., C:], −30, 20)}; a sample is {@code mean + exp(logvar/2)·ε} with an explicit ε.
 */
public record DiagonalGaussianPosterior(Tensor mean, Tensor logvar) {

    /** Splits {@code moments [..., 2C]} and clamps the log-variance. */
    public static DiagonalGaussianPosterior fromMoments(Tensor moments) {
        int c = moments.cols() / 2;
        Tensor[] parts = Ops.split(moments, -1, c, c);
        Tensor logvar = parts[1].copy();
        float[] d = logvar.data();
        for (int i = 0; i < d.length; i++) d[i] = Math.max(-30f, Math.min(20f, d[i]));
        return new DiagonalGaussianPosterior(parts[0].copy(), logvar);
    }

    /** {@code mean + std·noise} ({@code sample_posterior=True}) with {@code noise} of the mean's shape. */
    public Tensor sample(Tensor noise) {
        if (!noise.sameShape(mean)) {
            throw new IllegalArgumentException("posterior noise " + java.util.Arrays.toString(noise.shape())
                    + " does not match the mean " + java.util.Arrays.toString(mean.shape()));
        }
        Tensor out = Tensor.zeros(mean.shape());
        float[] m = mean.data(), lv = logvar.data(), n = noise.data(), o = out.data();
        for (int i = 0; i < o.length; i++) o[i] = m[i] + (float) Math.exp(0.5f * lv[i]) * n[noise.offset() + i];
        return out;
    }
}
