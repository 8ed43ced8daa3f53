package org.sculpt4d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.conditioning.ImagePreprocessor;
import org.sculpt4d.pipeline.GenerateSettings;
import org.sculpt4d.pipeline.GeneratedSequence;
import org.sculpt4d.pipeline.RunManifest;
import org.sculpt4d.pipeline.Sculpt4DPipeline;
import org.sculpt4d.pipeline.ShapeModels;
import org.sculpt4d.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d generate --images DIR --weights PATH --out DIR}: Sculpt4D from an image sequence (sorted RGBA PNGs)
 * to a mesh sequence; with one frame it is Hunyuan3D 2.1 image-to-3D.
 */
@Command(name = "generate", description = "Image sequence (RGBA PNGs) to a temporally coherent mesh sequence.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of RGBA PNG frames, sorted by name.")
    Path images;

    @Option(names = "--weights", required = true, paramLabel = "PATH",
            description = "A hunyuan3d-dit-v2-1 folder (config.yaml, model.fp16.ckpt) or a checkpoint with the same keys.")
    Path weights;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--frames", paramLabel = "T", description = "Use the first T frames (default: all).")
    Integer frames;

    @Mixin
    GenerateOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        GenerateSettings settings = options.settings();
        List<Path> inputs = inputFrames(images, frames);
        RunManifest manifest = manifest("generate", settings, inputs);
        long t0 = System.nanoTime();
        ShapeModels models = ShapeModels.open(weights);
        manifest.stage("load", (System.nanoTime() - t0) / 1e9).weights(models.source());
        run(models, settings, inputs, out, manifest, spec.commandLine().getOut());
        return 0;
    }

    /** Preprocess, generate, write; prints where the outputs are. */
    static Sculpt4DPipeline.Result run(ShapeModels models, GenerateSettings settings, List<Path> inputs, Path out,
                                       RunManifest manifest, PrintWriter console) throws IOException {
        ImagePreprocessor pre = ImagePreprocessor.hunyuan();
        List<Tensor> pixels = new ArrayList<>();
        for (Path p : inputs) pixels.add(pre.load(p));
        long t0 = System.nanoTime();
        Sculpt4DPipeline.Result r = new Sculpt4DPipeline(models, settings, manifest).generate(pixels);
        manifest.stage("total", (System.nanoTime() - t0) / 1e9);
        List<Path> written = GeneratedSequence.write(out, inputs, r.meshes(), models.source() == null
                ? "untrained model: " + models.description() + "; the meshes show the pipeline, not the object" : null, manifest);
        console.printf(Locale.ROOT, "generated %d frames with %s; %d files in %s; open %s%n", r.meshes().frameCount(),
                models.description(), written.size(), out, out.resolve("index.html"));
        return r;
    }

    /** The run's arguments, as the manifest records them. */
    static RunManifest manifest(String command, GenerateSettings s, List<Path> inputs) {
        return new RunManifest(command, Main.versions())
                .argument("images", inputs.stream().map(Path::toString).toList())
                .argument("steps", s.steps()).argument("guidance", s.guidance()).argument("seed", s.seed())
                .argument("mask", s.mask().id()).argument("mask_settings", s.maskSettings())
                .argument("noise", s.noise().name().toLowerCase(Locale.ROOT))
                .argument("skip_zero_steps", s.skipZeroSteps()).argument("extraction", s.extraction());
    }

    /** The sorted PNGs of {@code dir}, the first {@code limit} if given. */
    static List<Path> inputFrames(Path dir, Integer limit) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder of PNG frames");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException(dir + ": no .png frames");
        if (limit != null) {
            if (limit < 1) throw new IllegalArgumentException("--frames must be at least 1, got " + limit);
            if (limit > files.size()) {
                throw new IllegalArgumentException("--frames " + limit + " but " + dir + " has " + files.size() + " frames");
            }
            files = files.subList(0, limit);
        }
        return files;
    }
}
