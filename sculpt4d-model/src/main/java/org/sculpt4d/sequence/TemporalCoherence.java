package org.sculpt4d.sequence;

import java.util.List;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.PointSelection;

/**
 * How coherently tokens move through time (the measurement asked of Consistent Surface Sampling, sculpt4d-method.md
 * §4). Token {@code i} of frame {@code t} is built around query point {@code q_i(t)}; between consecutive frames it
 * moves by {@code |q_i(t+1) − q_i(t)|}, while the material point under {@code q_i(t)} moves by its true motion (the
 * same surface sample evaluated on frame {@code t+1}). Their ratio is 1 when tokens follow the surface and far above
 * 1 when they jump between unrelated points.
 *
 * @param tokenMotion mean distance a token's query point moves between consecutive frames (normalised units)
 * @param trueMotion  mean distance the material points under those queries move
 */
public record TemporalCoherence(double tokenMotion, double trueMotion) {
    /** {@code tokenMotion / trueMotion}. */
    public double ratio() {
        return tokenMotion / trueMotion;
    }

    /** Over all tokens and all consecutive frame pairs of {@code sequence}, with the frames' encoder selections. */
    public static TemporalCoherence ofQueries(SurfaceSequence sequence, List<PointSelection> selections) {
        if (selections.size() != sequence.frameCount()) {
            throw new IllegalArgumentException(selections.size() + " selections for " + sequence.frameCount() + " frames");
        }
        double token = 0, truth = 0;
        long count = 0;
        for (int t = 0; t + 1 < sequence.frameCount(); t++) {
            SurfaceSequence.Frame a = sequence.frames().get(t), b = sequence.frames().get(t + 1);
            int[] rowsA = selections.get(t).queryIndex(), rowsB = selections.get(t + 1).queryIndex();
            float[] qa = a.rowsOn(a, rowsA), qb = b.rowsOn(b, rowsB), moved = a.rowsOn(b, rowsA);
            for (int i = 0; i < rowsA.length; i++) {
                token += distance(qa, qb, i);
                truth += distance(qa, moved, i);
                count++;
            }
        }
        return new TemporalCoherence(token / count, truth / count);
    }

    /**
     * For latents {@code [T, N, C]}: mean over tokens and frame pairs of {@code |z_i(t+1) − z_i(t)|}, relative to the
     * mean {@code |z_i(t)|} (the second field); smooth latents give a small first field.
     */
    public static TemporalCoherence ofLatents(Tensor latents) {
        int frames = latents.dim(0), tokens = latents.dim(1), channels = latents.dim(2);
        float[] z = latents.toArray();
        double step = 0, size = 0;
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < tokens; i++) {
                double d = 0, n = 0;
                for (int c = 0; c < channels; c++) {
                    double v = z[(t * tokens + i) * channels + c];
                    n += v * v;
                    if (t + 1 < frames) {
                        double w = z[((t + 1) * tokens + i) * channels + c] - v;
                        d += w * w;
                    }
                }
                size += Math.sqrt(n) / frames;
                if (t + 1 < frames) step += Math.sqrt(d) / (frames - 1);
            }
        }
        return new TemporalCoherence(step / tokens, size / tokens);
    }

    private static double distance(float[] a, float[] b, int i) {
        double dx = a[3 * i] - b[3 * i], dy = a[3 * i + 1] - b[3 * i + 1], dz = a[3 * i + 2] - b[3 * i + 2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
