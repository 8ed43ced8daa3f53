package org.sculpt4d.viewer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.io.AtomicFile;

/**
 * The viewer page of a run: {@code index.html} showing the input frames and the generated meshes side by side, with a
 * time slider, a play button and the mesh turned with the mouse (three.js, whose files the build fetched with npm and
 * which are copied into {@code OUT_DIR/viewer/}, so the page works offline). It opens from {@code file://} without
 * browser flags: the meshes and three.js's modules reach the page through classic {@code <script src>} files, never
 * through {@code fetch} or module imports of files. An optional banner (e.g. "random weights") heads the page.
 *
 * <p>Files written, each atomically: {@code index.html} (last) and {@code viewer/sequence.js}, {@code viewer/viewer.js},
 * {@code viewer/three-VERSION.js}, {@code viewer/three-LICENSE.txt}.
 */
public final class ViewerPage {
    /** Per-frame meshes of a run as written by {@code decode}/{@code generate}: {@code frame-NNN.obj} or {@code .ply}. */
    private static final Pattern MESH_NAME = Pattern.compile("frame-(\\d+)\\.(obj|ply)(\\.gz)?");
    private static final String RESOURCES = "/org/sculpt4d/viewer/";
    private static final String[] THREE_MODULES = {"three.core.js", "three.module.js", "OrbitControls.js"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One time step: the input image shown on the left (null where there is none) and the generated mesh on the
     * right (null where the frame has no surface), with the names the page labels them by.
     */
    public record Frame(Path image, TriangleMesh mesh, String meshName) {
    }

    private final List<Frame> frames;
    private final String banner;
    private final double fps;

    /** A page of the given frames, an optional banner (null for none) and the play speed in frames per second. */
    public ViewerPage(List<Frame> frames, String banner, double fps) {
        if (frames.isEmpty()) throw new IllegalArgumentException("a viewer page needs at least one frame");
        if (!(fps > 0)) throw new IllegalArgumentException("fps must be positive, got " + fps);
        this.frames = List.copyOf(frames);
        this.banner = banner;
        this.fps = fps;
    }

    /**
     * The page of a run's output folder: its meshes {@code frame-NNN.obj|.ply[.gz]} (the first in name order for each
     * NNN; a missing NNN is a frame without surface) and the PNG images of {@code imagesDir} in name order (frame t
     * shows the t-th image), or of {@code OUT_DIR/inputs} when {@code imagesDir} is null and that folder exists.
     */
    public static ViewerPage fromOutputs(Path outDir, Path imagesDir, String banner, double fps) throws IOException {
        if (!Files.isDirectory(outDir)) throw new IOException(outDir + ": not a directory");
        TreeMap<Integer, Path> meshFiles = new TreeMap<>();
        for (Path file : list(outDir)) {
            Matcher m = MESH_NAME.matcher(file.getFileName().toString());
            if (m.matches() && Files.isRegularFile(file)) meshFiles.putIfAbsent(Integer.parseInt(m.group(1)), file);
        }
        if (meshFiles.isEmpty()) throw new IOException(outDir + ": no meshes named frame-NNN.obj or frame-NNN.ply");
        if (imagesDir == null) {
            Path inputs = outDir.resolve("inputs");
            imagesDir = Files.isDirectory(inputs) ? inputs : null;
        } else if (!Files.isDirectory(imagesDir)) {
            throw new IOException(imagesDir + ": not a directory (the input images)");
        }
        List<Path> images = new ArrayList<>();
        if (imagesDir != null) {
            for (Path file : list(imagesDir)) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) images.add(file);
            }
        }
        int frameCount = meshFiles.lastKey() + 1;
        List<Frame> frames = new ArrayList<>();
        for (int t = 0; t < frameCount; t++) {
            Path meshFile = meshFiles.get(t);
            frames.add(new Frame(t < images.size() ? images.get(t) : null,
                    meshFile == null ? null : MeshFiles.read(meshFile),
                    meshFile == null ? null : meshFile.getFileName().toString()));
        }
        return new ViewerPage(frames, banner, fps);
    }

    public List<Frame> frames() {
        return frames;
    }

    /** Writes the page into {@code outDir} (created if needed) and returns the path of its {@code index.html}. */
    public Path writeTo(Path outDir) throws IOException {
        Path viewer = Files.createDirectories(outDir.resolve("viewer"));
        String threeVersion = resourceText("three/VERSION").strip();
        String threeScript = "three-" + threeVersion + ".js";
        AtomicFile.write(viewer.resolve("sequence.js"), out -> writeSequence(out, outDir));
        write(viewer.resolve("viewer.js"), resourceText("viewer.js"));
        write(viewer.resolve(threeScript), threeModules(threeVersion));
        write(viewer.resolve("three-LICENSE.txt"), resourceText("three/LICENSE"));
        String html = resourceText("index.html")
                .replace("{{BANNER_HIDDEN}}", banner == null || banner.isBlank() ? " hidden" : "")
                .replace("{{BANNER}}", banner == null ? "" : escapeHtml(banner))
                .replace("{{THREE_SCRIPT}}", threeScript);
        Path index = outDir.resolve("index.html");
        write(index, html);
        return index;
    }

    /**
     * The sequence for the page, {@code window.SCULPT4D_VIEW = {...}}: per frame the image's URL relative to the page
     * and the mesh as base64 little-endian arrays, streamed so that only one frame's text is in memory at a time.
     */
    private void writeSequence(OutputStream out, Path outDir) throws IOException {
        out.write("window.SCULPT4D_VIEW = ".getBytes(StandardCharsets.UTF_8));
        try (JsonGenerator json = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeNumberField("fps", fps);
            json.writeArrayFieldStart("frames");
            for (Frame frame : frames) {
                json.writeStartObject();
                json.writeStringField("image", frame.image() == null ? null : relativeUrl(outDir, frame.image()));
                json.writeStringField("imageName", frame.image() == null ? null : frame.image().getFileName().toString());
                json.writeStringField("meshName", frame.meshName());
                if (frame.mesh() == null) {
                    json.writeNullField("mesh");
                } else {
                    json.writeObjectFieldStart("mesh");
                    json.writeNumberField("triangles", frame.mesh().faceCount());
                    json.writeStringField("positions", base64(frame.mesh().positions()));
                    json.writeStringField("faces", base64(frame.mesh().faces()));
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write(";\n".getBytes(StandardCharsets.UTF_8));
    }

    /** three.js's modules as source text in a classic script (see viewer.js for how the page imports them). */
    private static String threeModules(String version) throws IOException {
        StringBuilder s = new StringBuilder("// three.js ").append(version)
                .append(" (MIT licence, see three-LICENSE.txt): its ES modules as source text, imported by viewer.js\n")
                .append("window.SCULPT4D_THREE = {\n");
        for (String module : THREE_MODULES) {
            s.append(JSON.writeValueAsString(module)).append(": ")
                    .append(JSON.writeValueAsString(resourceText("three/" + module))).append(",\n");
        }
        return s.append("};\n").toString();
    }

    /** The image's URL relative to the page (same file system root), else its absolute {@code file:} URL. */
    static String relativeUrl(Path outDir, Path image) {
        Path base = outDir.toAbsolutePath().normalize();
        Path target = image.toAbsolutePath().normalize();
        if (!Objects.equals(base.getRoot(), target.getRoot())) return target.toUri().toString();
        StringJoiner url = new StringJoiner("/");
        for (Path part : base.relativize(target)) url.add(percentEncode(part.toString()));
        return url.toString();
    }

    /** A path segment with every byte but RFC 3986's unreserved characters percent-encoded. */
    private static String percentEncode(String segment) {
        StringBuilder s = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) s.append(c);
            else s.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return s.toString();
    }

    private static String base64(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static String base64(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resourceText(String name) throws IOException {
        try (InputStream in = ViewerPage.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the viewer's resource " + RESOURCES + name + " is missing from the "
                        + "classpath (three.js is fetched by the Maven build with npm: build with mvn)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
