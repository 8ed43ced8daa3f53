package org.sculpt4d.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.viewer.ViewerPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d view OUT_DIR}: writes {@code OUT_DIR/index.html}, the input frames and the generated meshes
 * ({@code frame-NNN.obj|.ply}) side by side with a time slider and a play button ({@link ViewerPage}).
 */
@Command(name = "view", description = "Write OUT_DIR/index.html: input frames and meshes side by side, offline.")
final class ViewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT_DIR", description = "Folder with the meshes frame-NNN.obj or .ply.")
    Path out;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Input frames, PNGs in name order (default: OUT_DIR/inputs when it exists).")
    Path images;

    @Option(names = "--banner", paramLabel = "TEXT", description = "A line shown above the viewer, e.g. \"random weights\".")
    String banner;

    @Option(names = "--fps", defaultValue = "8", description = "Play speed in frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Override
    public Integer call() throws Exception {
        ViewerPage page = ViewerPage.fromOutputs(out, images, banner, fps);
        Path index = page.writeTo(out);
        long meshes = page.frames().stream().filter(f -> f.mesh() != null).count();
        long inputs = page.frames().stream().filter(f -> f.image() != null).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "view frames=%d meshes=%d inputs=%d -> %s%n",
                page.frames().size(), meshes, inputs, index.toUri());
        return 0;
    }
}
