package org.sculpt4d.vae;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.sculpt4d.geometry.sampling.FarthestPointSampling;
import org.sculpt4d.tensor.Tensor;

/**
 * The encoder's random choice of data and query points (upstream {@code sample_points_and_latents}, spec §2.7
 * steps 1–4), with its randomness passed in rather than drawn from a global generator:
 * <ol>
 *   <li>the surface rows split into {@code pc_size} uniform rows, then {@code pc_sharpedge_size} sharp rows;</li>
 *   <li>{@code q = pc_size / (pc_size + pc_sharpedge_size) · num_latents} uniform queries (a double, as in Python),
 *       {@code num_latents − q} sharp ones; {@code int(q · downsample_ratio)} uniform data points, likewise sharp;</li>
 *   <li>the data points: the first ones of a random permutation of each part;</li>
 *   <li>the queries: farthest point sampling on the xyz of each part's data points from a random start,
 *       {@code ceil(float32(n) · float32(queries / n))} of them (torch_cluster's count).</li>
 * </ol>
 * Draws, in order: the uniform permutation, the uniform start, the sharp permutation, the sharp start (upstream's
 * order). The same surface, config and generator state give the same selection.
 */
public final class EncoderSampling {
    private final int pcSize;
    private final int sharpSize;
    private final int uniformData;
    private final int sharpData;
    private final int uniformQueries;
    private final int sharpQueries;

    public EncoderSampling(ShapeVaeConfig c) {
        pcSize = c.pcSize();
        sharpSize = c.pcSharpedgeSize();
        double uniformShare = (double) pcSize / (pcSize + sharpSize) * c.numLatents();
        double sharpShare = c.numLatents() - uniformShare;
        uniformData = (int) (uniformShare * c.downsampleRatio());
        sharpData = (int) (sharpShare * c.downsampleRatio());
        if (uniformData <= 0 || uniformData > pcSize || sharpData > sharpSize) {
            throw new IllegalArgumentException("encoder sampling: num_latents " + c.numLatents() + " × downsample_ratio "
                    + c.downsampleRatio() + " asks for " + uniformData + " uniform and " + sharpData
                    + " sharp data points, but pc_size is " + pcSize + " and pc_sharpedge_size " + sharpSize);
        }
        uniformQueries = fpsCount(uniformData, uniformShare / uniformData);
        sharpQueries = sharpData == 0 ? 0 : fpsCount(sharpData, sharpShare / sharpData);
    }

    /** torch_cluster's number of picks: {@code ceil(float32(n) · float32(ratio))}. */
    private static int fpsCount(int n, double ratio) {
        return (int) Math.ceil((float) n * (float) ratio);
    }

    /** Data points per shape (the encoder's keys). */
    public int dataCount() {
        return uniformData + sharpData;
    }

    /** Query points per shape (the latent tokens). */
    public int queryCount() {
        return uniformQueries + sharpQueries;
    }

    /** Draws the data and query rows of {@code surface [pc_size + pc_sharpedge_size, 3 + point_feats]}. */
    public PointSelection draw(Tensor surface, RandomGenerator rng) {
        if (surface.rank() != 2 || surface.dim(0) != pcSize + sharpSize || surface.dim(1) < 3) {
            throw new IllegalArgumentException("encoder sampling: the surface must be [pc_size + pc_sharpedge_size = "
                    + (pcSize + sharpSize) + ", 3 + point_feats], got " + Arrays.toString(surface.shape()));
        }
        int[] uniform = permutationPrefix(pcSize, uniformData, rng);
        int[] uniformPicks = FarthestPointSampling.select(xyz(surface, uniform, 0), rng.nextInt(uniformData), uniformQueries);
        int[] sharp = permutationPrefix(sharpSize, sharpData, rng);
        int[] sharpPicks = sharpData == 0 ? new int[0]
                : FarthestPointSampling.select(xyz(surface, sharp, pcSize), rng.nextInt(sharpData), sharpQueries);
        int[] data = new int[uniformData + sharpData];
        int[] queries = new int[uniformQueries + sharpQueries];
        for (int i = 0; i < uniformData; i++) data[i] = uniform[i];
        for (int i = 0; i < sharpData; i++) data[uniformData + i] = pcSize + sharp[i];
        for (int i = 0; i < uniformQueries; i++) queries[i] = uniform[uniformPicks[i]];
        for (int i = 0; i < sharpQueries; i++) queries[uniformQueries + i] = pcSize + sharp[sharpPicks[i]];
        return new PointSelection(data, queries);
    }

    /** The first {@code k} entries of a uniformly random permutation of {@code 0..n-1} (Fisher–Yates, k steps). */
    private static int[] permutationPrefix(int n, int k, RandomGenerator rng) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return Arrays.copyOf(a, k);
    }

    /** The xyz of rows {@code offset + rows[i]} of {@code surface}, packed. */
    private static float[] xyz(Tensor surface, int[] rows, int offset) {
        float[] d = surface.data(), out = new float[3 * rows.length];
        int cols = surface.dim(1);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(d, surface.offset() + (offset + rows[i]) * cols, out, 3 * i, 3);
        }
        return out;
    }
}
