package org.sculpt4d.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.sequence.SequenceEncoder;
import org.sculpt4d.sequence.TemporalCoherence;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.ShapeVAE;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sculpt4d encode --surfaces surfaces.safetensors --weights VAE --out latents.safetensors}: the VAE encoder on
 * every frame of {@code sample}'s output, with the subset/FPS queries of frame 0 and one shared posterior noise
 * (sculpt4d-method.md §3–4), or the ablations.
 */
@Command(name = "encode", description = "Encode sampled frames (from `sample`) to 4D latents [T, N, C] with a VAE.")
final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--surfaces", required = true, paramLabel = "FILE", description = "surfaces.safetensors from `sample`.")
    Path surfaces;

    @Mixin
    VaeOptions vae;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The latents file to write.")
    Path out;

    @Option(names = "--selection", defaultValue = "frame0", description = "frame0 (reuse frame 0's queries) or per-frame.")
    String selection;

    @Option(names = "--noise", defaultValue = "shared", description = "shared (one ε for all frames) or independent.")
    String noise;

    @Option(names = "--seed", defaultValue = "0", description = "Seed for the queries and the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        SequenceEncoder.Selection sel = switch (selection) {
            case "frame0" -> SequenceEncoder.Selection.FRAME_ZERO;
            case "per-frame" -> SequenceEncoder.Selection.PER_FRAME;
            default -> throw new IllegalArgumentException("--selection must be frame0 or per-frame, got " + selection);
        };
        SequenceEncoder.Noise n = switch (noise) {
            case "shared" -> SequenceEncoder.Noise.SHARED;
            case "independent" -> SequenceEncoder.Noise.INDEPENDENT;
            default -> throw new IllegalArgumentException("--noise must be shared or independent, got " + noise);
        };
        Tensor all = VaeOptions.readTensor(surfaces, "surface", 3);
        List<Tensor> frames = new ArrayList<>();
        for (int t = 0; t < all.dim(0); t++) frames.add(all.select(t));
        long start = System.nanoTime();
        ShapeVAE model = vae.open(ShapeVAE.Parts.ENCODER);
        Tensor z = new SequenceEncoder(model).encode(frames, sel, n, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        SafeTensorsWriter.write(out, Map.of("latents", StoredTensor.of(z)), Map.of(
                "layout", "[T, N, C] VAE latents (before × scale_factor)", "selection", selection, "noise", noise,
                "seed", Long.toString(seed)));
        TemporalCoherence c = TemporalCoherence.ofLatents(z);
        System.out.printf(Locale.ROOT, "encode frames=%d latents=[%d, %d] step=%.4g size=%.4g seconds=%.2f -> %s%n",
                z.dim(0), z.dim(1), z.dim(2), c.tokenMotion(), c.trueMotion(), seconds, out);
        return 0;
    }
}
