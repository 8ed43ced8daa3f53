package org.sculpt4d.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.EncoderSampling;
import org.sculpt4d.vae.PointSelection;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

/**
 * Encodes a sampled sequence into 4D latents {@code [T, N, C]} (sculpt4d-method.md §3–4):
 * <ul>
 *   <li>the encoder's random subset and FPS queries are drawn once, on frame 0, and reused for every frame
 *       (§4 step 5), so token {@code n} is built from the same material points in every frame; with
 *       {@link Selection#PER_FRAME} (the independent-sampling baseline) every frame draws its own;</li>
 *   <li>posterior sampling uses one noise {@code ε_seq [N, C]} for all frames, {@code z_t = μ_t + σ_t · ε_seq} (§3,
 *       {@link Noise#SHARED}), or a fresh noise per frame ({@link Noise#INDEPENDENT}, the ablation).</li>
 * </ul>
 * The result is in VAE latent space (before multiplying by {@code scale_factor} for the diffusion model), ready for
 * {@link ShapeVAE#decode}. Deterministic for a seed.
 */
public final class SequenceEncoder {
    public enum Selection { FRAME_ZERO, PER_FRAME }

    public enum Noise { SHARED, INDEPENDENT }

    private final ShapeVAE vae;

    public SequenceEncoder(ShapeVAE vae) {
        this.vae = vae;
    }

    /**
     * Latents {@code [T, N, C]} of the frames' surfaces {@code [P, 7]}: the selections of {@link #selections}, then
     * the posterior sampled per frame.
     */
    public Tensor encode(List<Tensor> surfaces, Selection selection, Noise noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<PointSelection> points = selections(vae.config(), surfaces, selection, rng);
        int tokens = points.get(0).queryIndex().length, channels = vae.config().embedDim();
        Tensor out = Tensor.zeros(surfaces.size(), tokens, channels);
        Tensor sharedNoise = gaussian(rng, tokens, channels);
        for (int t = 0; t < surfaces.size(); t++) {
            Tensor eps = noise == Noise.SHARED || t == 0 ? sharedNoise : gaussian(rng, tokens, channels);
            out.select(t).copyFrom(vae.encode(surfaces.get(t), points.get(t)).sample(eps));
        }
        return out;
    }

    /** The encoder's data and query rows for every frame: frame 0's draw for all, or one draw per frame. */
    public static List<PointSelection> selections(ShapeVaeConfig config, List<Tensor> surfaces, Selection selection,
                                                  RandomGenerator rng) {
        if (surfaces.isEmpty()) throw new IllegalArgumentException("no frames to encode");
        EncoderSampling sampling = new EncoderSampling(config);
        List<PointSelection> out = new ArrayList<>();
        for (int t = 0; t < surfaces.size(); t++) {
            out.add(selection == Selection.FRAME_ZERO && t > 0 ? out.get(0) : sampling.draw(surfaces.get(t), rng));
        }
        return out;
    }

    private static Tensor gaussian(SplittableRandom rng, int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
        return t;
    }
}
