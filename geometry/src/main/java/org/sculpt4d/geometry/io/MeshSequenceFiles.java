package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads and writes mesh sequences by path: a directory of per-frame OBJ/PLY files (optionally {@code .gz}), taken in
 * the sorted order of their names (so number them with leading zeros: {@code frame_0000.obj}, ...); a glTF
 * ({@code .gltf}/{@code .glb}, see {@link GltfReader}); or a Quake-2 {@code .md2} ({@link Md2Reader}).
 */
public final class MeshSequenceFiles {
    /** Frame rate of written animations unless given. */
    public static final float DEFAULT_FPS = 24f;

    private MeshSequenceFiles() {
    }

    public static MeshSequence read(Path path) throws IOException {
        if (Files.isDirectory(path)) return readFrames(path);
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".glb") || name.endsWith(".gltf")) return GltfReader.read(path).sequence();
        if (name.endsWith(".md2")) return Md2Reader.read(path).sequence();
        if (!Files.exists(path)) throw new IOException(path + ": no such file or folder");
        throw new IllegalArgumentException(path + ": not a mesh sequence (expected a directory of OBJ/PLY frames, "
                + ".glb, .gltf or .md2)");
    }

    private static MeshSequence readFrames(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> isFrameFile(p.getFileName().toString())).sorted().toList();
        }
        if (files.isEmpty()) throw new IllegalArgumentException(dir + ": no .obj or .ply frames in the directory");
        List<TriangleMesh> frames = new ArrayList<>(files.size());
        for (Path f : files) frames.add(MeshFiles.read(f));
        return new MeshSequence(frames);
    }

    private static boolean isFrameFile(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) n = n.substring(0, n.length() - 3);
        return !n.startsWith(".") && (n.endsWith(".obj") || n.endsWith(".ply"));
    }

    /**
     * Writes one file per frame into {@code dir} (created if needed) as {@code frame_0000.<extension>}, ...;
     * {@code extension} is {@code obj}, {@code ply} or either with {@code .gz}. Returns the files in frame order.
     */
    public static List<Path> writeFrames(Path dir, MeshSequence sequence, String extension) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(sequence.frameCount());
        for (int t = 0; t < sequence.frameCount(); t++) {
            Path f = dir.resolve(String.format(Locale.ROOT, "frame_%04d.%s", t, extension));
            MeshFiles.write(f, sequence.frame(t));
            files.add(f);
        }
        return files;
    }

    /**
     * Writes an animated GLB: morph targets and a weights animation for a fixed-topology sequence, otherwise one
     * node per frame with a visibility animation (see {@link GlbWriter}).
     */
    public static void writeGlb(Path file, MeshSequence sequence, float fps) throws IOException {
        if (sequence.fixedTopology()) {
            GlbWriter.writeMorphAnimation(file, sequence, fps);
        } else {
            GlbWriter.writeVisibilityAnimation(file, sequence, fps);
        }
    }
}
