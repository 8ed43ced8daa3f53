package org.sculpt4d.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.render.MeshRenderer;
import org.sculpt4d.geometry.render.OrthoCamera;

/**
 * The demo's input: an image sequence of a real animated mesh, drawn by the software renderer (Lambert-shaded RGBA,
 * transparent background, one camera framing the whole animation so the object moves in a still frame).
 */
public final class DemoInputs {
    /** Camera azimuth and elevation, degrees: a three-quarter view from slightly above. */
    static final double AZIMUTH = 30, ELEVATION = 15;

    private DemoInputs() {
    }

    /** {@code count} frames spread evenly over {@code animation} (first and last included when count > 1). */
    public static MeshSequence pick(MeshSequence animation, int count) {
        int n = animation.frameCount();
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("cannot pick " + count + " frames from an animation of " + n);
        }
        List<TriangleMesh> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) frames.add(animation.frame(count == 1 ? 0 : (int) ((long) i * (n - 1) / (count - 1))));
        return new MeshSequence(frames);
    }

    /** Renders every frame to {@code dir/frame-NNN.png} ({@code size}² pixels) and returns the files in order. */
    public static List<Path> render(MeshSequence frames, Path dir, int size) throws IOException {
        Files.createDirectories(dir);
        MeshRenderer renderer = MeshRenderer.clay(size);
        OrthoCamera camera = OrthoCamera.framing(frames, AZIMUTH, ELEVATION);
        List<Path> files = new ArrayList<>();
        for (int t = 0; t < frames.frameCount(); t++) {
            Path png = dir.resolve(GeneratedSequence.frameName(t) + ".png");
            renderer.render(frames.frame(t), camera).writePng(png);
            files.add(png);
        }
        return files;
    }
}
