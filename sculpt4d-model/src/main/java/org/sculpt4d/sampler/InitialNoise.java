package org.sculpt4d.sampler;

import java.util.Locale;
import org.sculpt4d.tensor.Tensor;

/**
 * The initial diffusion noise {@code [B, T, N, C]} of a T-frame sequence (sculpt4d-method.md §3), drawn with
 * {@link TorchGenerator} so that it is {@code torch.randn} of the same seed.
 */
public enum InitialNoise {
    /** One {@code torch.randn([B, N, C])} draw broadcast to every frame: all frames start from the same noise. */
    SHARED,
    /** One {@code torch.randn([B, T, N, C])} draw: every frame has its own noise (the ablation). */
    INDEPENDENT;

    /** The mode named {@code shared} or {@code independent} (case-insensitive). */
    public static InitialNoise parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("noise mode '" + name + "' is not one of: shared, independent");
        }
    }

    /** Draws {@code [batch, frames, tokens, channels]} from a generator seeded with {@code seed}. */
    public Tensor draw(long seed, int batch, int frames, int tokens, int channels) {
        TorchGenerator g = new TorchGenerator(seed);
        if (this == INDEPENDENT) return g.randn(batch, frames, tokens, channels);
        Tensor one = g.randn(batch, tokens, channels);
        Tensor out = Tensor.zeros(batch, frames, tokens, channels);
        int frame = tokens * channels;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                System.arraycopy(one.data(), b * frame, out.data(), (b * frames + t) * frame, frame);
            }
        }
        return out;
    }
}
