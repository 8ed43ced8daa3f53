package org.sculpt4d.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.sculpt4d.nn.SeededWeights;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;

/**
 * Small ShapeVAEs with seeded random weights ({@link SeededWeights}) for tests.
 */
public final class RandomVae {
    private RandomVae() {
    }

    /** A small config drawn from {@code seed}: width 16–64, 1–4 heads, 8–32 latents, 0–2 / 1–2 layers, any switches. */
    public static ShapeVaeConfig config(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int heads = 1 + r.nextInt(4), width = heads * (8 + 4 * r.nextInt(3)), latents = 8 + 8 * r.nextInt(4);
        boolean sharp = r.nextBoolean();
        int ratio = 2 + r.nextInt(3);
        int sharpSize = sharp ? latents * ratio / 4 : 0;
        int pcSize = latents * ratio + (sharp ? -sharpSize : r.nextInt(2) * latents);
        return new ShapeVaeConfig(latents, 2 + r.nextInt(6), 1 + r.nextInt(8), r.nextBoolean(), heads, width,
                r.nextInt(3), 1 + r.nextInt(2), r.nextBoolean(), r.nextBoolean(), 4, pcSize, sharpSize,
                1 + r.nextInt(4), r.nextBoolean(), ratio, 1.0039506158752403);
    }

    /**
     * Random tensors for every key of {@code parts} (see {@link ShapeVaeLayout}); each key has its own stream, so the
     * weights of a part are those of the whole VAE with the same seed.
     */
    public static Map<String, StoredTensor> weights(ShapeVaeConfig c, ShapeVAE.Parts parts, long seed) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        SeededWeights.of(ShapeVaeLayout.of(c, parts), seed).forEach((k, t) -> out.put(k, StoredTensor.of(t)));
        return out;
    }

    /** Writes random weights of {@code parts} to a safetensors file in {@code dir}. */
    public static Path write(Path dir, ShapeVaeConfig c, ShapeVAE.Parts parts, long seed) throws IOException {
        Path file = dir.resolve("vae-" + parts + "-" + Long.toHexString(seed) + ".safetensors");
        SafeTensorsWriter.write(file, weights(c, parts, seed), Map.of());
        return file;
    }

    /** {@code use} applied to random weights of {@code parts}, read from a temporary safetensors file. */
    public static <T> T withWeights(ShapeVaeConfig c, ShapeVAE.Parts parts, long seed, Function<Weights, T> use) {
        try {
            Path dir = Files.createTempDirectory("random-vae");
            Path file = write(dir, c, parts, seed);
            try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
                return use.apply(f.stateDict());
            } finally {
                Files.delete(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A VAE with all parts and random weights. */
    public static ShapeVAE build(ShapeVaeConfig c, long seed) {
        return withWeights(c, ShapeVAE.Parts.ALL, seed, w -> ShapeVAE.load(w, c, ShapeVAE.Parts.ALL, true));
    }

    /** A surface {@code [pc_size + pc_sharpedge_size, 3 + point_feats]}: xyz in [−1, 1], unit normals, the sharp flag. */
    public static Tensor surface(ShapeVaeConfig c, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = c.pcSize() + c.pcSharpedgeSize(), cols = 3 + c.pointFeats();
        Tensor s = Tensor.zeros(n, cols);
        for (int i = 0; i < n; i++) {
            double[] v = new double[cols];
            for (int j = 0; j < cols; j++) v[j] = 2 * r.nextDouble() - 1;
            double norm = Math.sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5]);
            for (int j = 0; j < cols; j++) s.set((float) (j >= 3 && j < 6 ? v[j] / norm : v[j]), i, j);
            if (cols > 6) s.set(i >= c.pcSize() ? 1f : 0f, i, 6);
        }
        return s;
    }
}
