package org.sculpt4d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.assets.BundledAnimations;
import org.sculpt4d.geometry.io.Md2Reader;
import org.sculpt4d.geometry.io.MeshSequenceFiles;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.pipeline.DemoInputs;
import org.sculpt4d.pipeline.DemoModel;
import org.sculpt4d.pipeline.GenerateSettings;
import org.sculpt4d.pipeline.RunManifest;
import org.sculpt4d.pipeline.ShapeExtraction;
import org.sculpt4d.pipeline.ShapeModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d demo}: the whole pipeline on a bundled input with no download: frames of a real animated mesh drawn
 * by the software renderer, then {@code generate} with the small seeded model ({@link DemoModel}), or with real
 * weights given by {@code --weights}.
 */
@Command(name = "demo", description = "Run the whole pipeline on a bundled animated mesh (small random model unless --weights).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--input", paramLabel = "ANIMATION",
            description = "Animated mesh to render the input frames from: .md2, .glb/.gltf, or a folder of OBJ/PLY frames "
                    + "(default: the bundled Quake II faerie).")
    Path input;

    @Option(names = "--action", defaultValue = "wave",
            description = "With the bundled faerie: the animation whose frames are used, e.g. wave, run, flip, salute (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--weights", paramLabel = "PATH", description = "Real weights (as for generate) instead of the small random model.")
    Path weights;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--frames", defaultValue = "8", paramLabel = "T", description = "Frames (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--steps", defaultValue = "20", description = "Euler steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--octree-resolution", defaultValue = "64", paramLabel = "R",
            description = "Marching-cubes grid cells per axis (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--mask", defaultValue = "sculpt4d", paramLabel = "PRESET", description = "Attention mask preset (default: ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise and of the random weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        MeshSequence animation = input == null ? bundledAction(action) : MeshSequenceFiles.read(input);
        List<Path> images = DemoInputs.render(DemoInputs.pick(animation, frames), out.resolve("inputs"), 384);
        console.printf(Locale.ROOT, "rendered %d input frames of %s to %s%n", images.size(),
                input == null ? "the bundled faerie (" + action + ")" : input, out.resolve("inputs"));

        ShapeModels models = weights != null ? ShapeModels.open(weights) : DemoModel.seeded(seed);
        if (weights == null) {
            console.println("NOTE: the model has seeded RANDOM weights (no trained small weights exist yet): the meshes "
                    + "show every stage of the pipeline, not the object in the pictures; the surface is taken at the level that "
                    + "encloses 10% of frame 0's box, as an untrained field has no meaningful zero level.");
        }
        ShapeExtraction e = ShapeExtraction.defaults();
        GenerateSettings settings = GenerateSettings.defaults().withSteps(steps).withQuiet(quiet)
                .withMask(Mask4DPreset.parse(mask)).withSeed(seed)
                .withMaskSettings(weights == null ? MaskSettings.DEFAULT.withBlockSize(DemoModel.BLOCK_SIZE) : MaskSettings.DEFAULT)
                .withExtraction(new ShapeExtraction(e.bounds(), resolution, weights == null ? Float.NaN : e.level(), true, false));
        RunManifest manifest = GenerateCommand.manifest("demo", settings, images).argument("model", models.description());
        if (models.source() != null) manifest.weights(models.source());
        GenerateCommand.run(models, settings, images, out, manifest, console);
        printMaskSaving(console, settings, images.size(), models.dit().config().inputSize());
        return 0;
    }

    /** The frames of the bundled faerie whose names start with {@code action} (Quake II names: wave01…wave11). */
    private static MeshSequence bundledAction(String action) {
        Md2Reader.Md2Model faerie = BundledAnimations.faerieModel();
        List<TriangleMesh> frames = new ArrayList<>();
        for (int i = 0; i < faerie.frameNames().size(); i++) {
            if (faerie.frameNames().get(i).matches(Pattern.quote(action) + "\\d+")) frames.add(faerie.sequence().frame(i));
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("the bundled faerie has no action '" + action + "' (it has "
                    + String.join(", ", new LinkedHashSet<>(faerie.frameNames().stream().map(n -> n.replaceAll("\\d+$", ""))
                    .toList())) + ")");
        }
        return new MeshSequence(frames);
    }

    /** The mask's density and attention saving here, and at the paper's setting (T = 32, N = 4096). */
    private static void printMaskSaving(PrintWriter console, GenerateSettings s, int frames, int tokens) {
        MaskSettings m = s.maskSettings();
        double here = s.mask().computedDensity(m, frames, tokens);
        double paper = s.mask().computedDensity(MaskSettings.DEFAULT, 32, 4096);
        console.printf(Locale.ROOT, "mask %s: self-attention computes %.1f%% of full attention at T=%d, N=%d "
                + "(%.1f%% at the paper's T=32, N=4096 with blocks of " + MaskSettings.DEFAULT.blockSize() + "; see `sculpt4d flops` for whole-model FLOPs)%n",
                s.mask().id(), 100 * here, frames, tokens, 100 * paper);
    }
}
