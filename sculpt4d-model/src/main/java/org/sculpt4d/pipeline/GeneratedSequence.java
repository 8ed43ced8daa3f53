package org.sculpt4d.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.GlbWriter;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.io.MeshSequenceFiles;
import org.sculpt4d.viewer.ViewerPage;
import org.sculpt4d.geometry.io.AtomicFile;

/**
 * The files a generation leaves in its output folder (each written atomically): the input frames as given
 * ({@code inputs/frame-NNN.png}), one mesh per frame ({@code frame-NNN.obj} and {@code frame-NNN.glb}), the whole
 * sequence as one animated GLB ({@code sequence.glb}: morph targets when the topology is fixed, otherwise one node per
 * frame with a visibility animation; {@link MeshSequenceFiles#writeGlb}), the viewer ({@code index.html}, see
 * {@link ViewerPage}), and the manifest ({@code run.json}, last, so a folder with a manifest is complete). A frame
 * without surface has an empty OBJ, no GLB, and is left out of {@code sequence.glb}.
 */
public final class GeneratedSequence {
    /** Playback speed of the viewer, frames per second. */
    static final double VIEWER_FPS = 8;

    private GeneratedSequence() {
    }

    /** The name of frame {@code t}'s files: {@code frame-007}. */
    public static String frameName(int t) {
        return String.format(Locale.ROOT, "frame-%03d", t);
    }

    /** Writes the outputs of one run into {@code out} (created) and returns the files written, manifest last. */
    public static List<Path> write(Path out, List<Path> inputImages, MeshSequence meshes, String banner,
                                   RunManifest manifest) throws IOException {
        Files.createDirectories(out.resolve("inputs"));
        List<Path> written = new ArrayList<>();
        for (int t = 0; t < inputImages.size(); t++) {
            Path copy = out.resolve("inputs").resolve(frameName(t) + ".png");
            Path source = inputImages.get(t);
            if (!Files.exists(copy) || !Files.isSameFile(source, copy)) AtomicFile.write(copy, o -> Files.copy(source, o));
            written.add(copy);
        }
        List<ViewerPage.Frame> page = new ArrayList<>();
        for (int t = 0; t < meshes.frameCount(); t++) {
            Path obj = out.resolve(frameName(t) + ".obj");
            MeshFiles.write(obj, meshes.frame(t));
            written.add(obj);
            if (meshes.frame(t).faceCount() > 0) {
                Path glb = out.resolve(frameName(t) + ".glb");
                GlbWriter.writeMesh(glb, meshes.frame(t));
                written.add(glb);
            }
            Path image = t < inputImages.size() ? out.resolve("inputs").resolve(frameName(t) + ".png") : null;
            TriangleMesh mesh = meshes.frame(t).faceCount() > 0 ? meshes.frame(t) : null;
            page.add(new ViewerPage.Frame(image, mesh, obj.getFileName().toString()));
        }
        List<TriangleMesh> surfaces = meshes.frames().stream().filter(m -> m.faceCount() > 0).toList();
        if (!surfaces.isEmpty()) {
            Path animated = out.resolve("sequence.glb");
            MeshSequenceFiles.writeGlb(animated, new MeshSequence(surfaces), (float) VIEWER_FPS);
            written.add(animated);
        }
        written.add(new ViewerPage(page, banner, VIEWER_FPS).writeTo(out));
        Path json = out.resolve("run.json");
        manifest.write(json);
        written.add(json);
        return written;
    }
}
