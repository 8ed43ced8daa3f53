package org.sculpt4d.dit;

import org.sculpt4d.nn.GeluMlp;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.Tensor;

/**
 * The DiT's time token (spec §3.3): a sinusoid of the flow time t ∈ [0, 1] (not ×1000) over {@code hidden} channels,
 * sin half first, then {@code t_embedder.mlp}: Linear(hidden → 4·hidden) → exact GELU → Linear(4·hidden → hidden).
 */
public final class TimestepEmbedder {
    private final GeluMlp mlp;
    private final int hidden;

    private TimestepEmbedder(GeluMlp mlp, int hidden) {
        this.mlp = mlp;
        this.hidden = hidden;
    }

    /** Loads {@code mlp.0} and {@code mlp.2} from {@code w} (the binder of {@code t_embedder}). */
    public static TimestepEmbedder load(WeightBinder w, int hidden) {
        return new TimestepEmbedder(GeluMlp.load(w.at("mlp"), "0", "2", hidden, 4 * hidden), hidden);
    }

    /**
     * {@code [sin(t·ω_0 … t·ω_{half−1}), cos(…)]} with {@code ω_i = exp(−ln(10000)·i / half)}, {@code half =
     * channels / 2}: {@code [t.length, channels]}. Evaluated in float32 the way upstream's {@code Timesteps} is: the
     * exponent as float32 {@code (f32(−ln 10000)·i) / half}, then ω rounded to float32, then the float32 product t·ω
     * (spec §3.3; torch's own exp/sin may differ from these correctly rounded values in the last bit).
     */
    public static Tensor sinusoid(float[] t, int channels) {
        int half = channels / 2;
        float negLog = (float) -Math.log(10000);
        float[] omega = new float[half];
        for (int i = 0; i < half; i++) omega[i] = (float) Math.exp((negLog * i) / half);
        Tensor out = Tensor.zeros(t.length, channels);
        float[] o = out.data();
        for (int b = 0; b < t.length; b++) {
            for (int i = 0; i < half; i++) {
                float arg = t[b] * omega[i];
                o[b * channels + i] = (float) Math.sin(arg);
                o[b * channels + half + i] = (float) Math.cos(arg);
            }
        }
        return out;
    }

    /** Flow times {@code t [B]} → time tokens {@code [B, 1, hidden]}. */
    public Tensor forward(float[] t) {
        return mlp.forward(sinusoid(t, hidden)).reshape(t.length, 1, hidden);
    }
}
