package org.sculpt4d.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.io.MeshFiles;

/**
 * The files a generation leaves in its output folder (each written atomically): the input frames as given
 * ({@code inputs/frame-NNN.png}), one mesh per frame ({@code frame-NNN.obj}), and the manifest ({@code run.json},
 * last, so a folder with a manifest is complete).
 */
public final class GeneratedSequence {
    private GeneratedSequence() {
    }

    /** The name of frame {@code t}'s files: {@code frame-007}. */
    public static String frameName(int t) {
        return String.format(Locale.ROOT, "frame-%03d", t);
    }

    /** Writes the outputs of one run into {@code out} (created) and returns the files written, manifest last. */
    public static List<Path> write(Path out, List<Path> inputImages, MeshSequence meshes, RunManifest manifest)
            throws IOException {
        Files.createDirectories(out.resolve("inputs"));
        List<Path> written = new ArrayList<>();
        for (int t = 0; t < inputImages.size(); t++) {
            Path copy = out.resolve("inputs").resolve(frameName(t) + ".png");
            Path source = inputImages.get(t);
            if (!Files.exists(copy) || !Files.isSameFile(source, copy)) OutputFiles.write(copy, o -> Files.copy(source, o));
            written.add(copy);
        }
        for (int t = 0; t < meshes.frameCount(); t++) {
            Path obj = out.resolve(frameName(t) + ".obj");
            MeshFiles.write(obj, meshes.frame(t));
            written.add(obj);
        }
        Path json = out.resolve("run.json");
        manifest.write(json);
        written.add(json);
        return written;
    }
}
