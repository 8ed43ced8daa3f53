package org.sculpt4d.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.mc.IsoSurface;
import org.sculpt4d.pipeline.Progress;
import org.sculpt4d.pipeline.RunManifest;
import org.sculpt4d.pipeline.ShapeExtraction;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.ShapeVAE;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sculpt4d decode --latents latents.safetensors --weights VAE --out DIR}: the reconstruction path, VAE decoder
 * + geometry decoder + marching cubes per frame (hunyuan3d21-shape.md §6), one {@code frame-000.obj} per frame and
 * {@code decode.json}.
 */
@Command(name = "decode", description = "Decode latents [T, N, C] (from `encode`) to one mesh per frame.")
final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--latents", required = true, paramLabel = "FILE", description = "latents.safetensors from `encode`.")
    Path latents;

    @Mixin
    VaeOptions vae;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--octree-resolution", defaultValue = "256", description = "R, cells per axis (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--level", defaultValue = "0", description = "Iso-level of the logits (default: ${DEFAULT-VALUE}).")
    float level;

    @Option(names = "--coarse-to-fine", description = "Evaluate the network only near the surface (same mesh).")
    boolean coarseToFine;

    @Option(names = "--hunyuan-compat", description = "Upstream's ÷(R+1) vertex mapping (spec §6.2) instead of ÷R.")
    boolean hunyuanCompat;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Tensor z = VaeOptions.readTensor(latents, "latents", 3);
        ShapeVAE model = vae.open(ShapeVAE.Parts.DECODE_PATH);
        z.requireShape("latents", -1, model.config().numLatents(), model.config().embedDim());
        ShapeExtraction extraction = new ShapeExtraction(1.01, resolution, level, coarseToFine, hunyuanCompat);
        Files.createDirectories(out);
        RunManifest manifest = new RunManifest("decode", Main.versions()).argument("latents", latents.toString())
                .argument("octree_resolution", resolution).argument("level", level)
                .argument("coarse_to_fine", coarseToFine).argument("hunyuan_compat", hunyuanCompat);
        int empty = 0;
        try (Progress progress = Progress.on("decode", z.dim(0), quiet)) {
            for (int t = 0; t < z.dim(0); t++) {
                long start = System.nanoTime();
                IsoSurface mesh = extraction.extract(model, z.select(t));
                manifest.stage("extract", (System.nanoTime() - start) / 1e9);
                if (mesh.isEmpty()) {
                    empty++;
                    System.err.printf(Locale.ROOT, "decode: frame %d has no surface at level %s%n", t, level);
                } else {
                    MeshFiles.write(out.resolve(String.format(Locale.ROOT, "frame-%03d.obj", t)), mesh.toMesh());
                }
                progress.advance(1);
            }
        }
        manifest.figure("frames", z.dim(0)).figure("empty_frames", empty).write(out.resolve("decode.json"));
        System.out.printf(Locale.ROOT, "decode frames=%d empty=%d R=%d -> %s%n", z.dim(0), empty, resolution, out);
        return empty == z.dim(0) ? 1 : 0;
    }
}
