package org.sculpt4d.viewer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;

class ViewerPageTest {
    /** An axis-aligned box centred on the origin with the given side lengths, 12 triangles wound outward. */
    static TriangleMesh box(float sx, float sy, float sz) {
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = sx * ((v >> 2 & 1) - 0.5f);
            p[3 * v + 1] = sy * ((v >> 1 & 1) - 0.5f);
            p[3 * v + 2] = sz * ((v & 1) - 0.5f);
        }
        int[] f = {0, 1, 3, 0, 3, 2, 4, 6, 7, 4, 7, 5, 0, 4, 5, 0, 5, 1, 2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3};
        return new TriangleMesh(p, f);
    }

    static JsonNode sequence(Path out) throws IOException {
        String js = Files.readString(out.resolve("viewer/sequence.js"));
        String prefix = "window.SCULPT4D_VIEW = ";
        assertTrue(js.startsWith(prefix) && js.endsWith(";\n"), js.substring(0, Math.min(80, js.length())));
        return new ObjectMapper().readTree(js.substring(prefix.length(), js.length() - 2));
    }

    private static ByteBuffer decode(JsonNode base64) {
        return ByteBuffer.wrap(Base64.getDecoder().decode(base64.asText())).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void meshesRoundTripThroughThePageData(@TempDir Path out) throws IOException {
        List<TriangleMesh> meshes = List.of(box(1, 2, 3), box(0.5f, 0.25f, 4));
        MeshFiles.write(out.resolve("frame-000.obj"), meshes.get(0));
        MeshFiles.write(out.resolve("frame-001.ply"), meshes.get(1));
        ViewerPage.fromOutputs(out, null, null, 8).writeTo(out);
        JsonNode frames = sequence(out).get("frames");
        assertEquals(2, frames.size());
        for (int t = 0; t < 2; t++) {
            JsonNode mesh = frames.get(t).get("mesh");
            float[] positions = new float[meshes.get(t).positions().length];
            decode(mesh.get("positions")).asFloatBuffer().get(positions);
            int[] faces = new int[meshes.get(t).faces().length];
            decode(mesh.get("faces")).asIntBuffer().get(faces);
            assertArrayEquals(meshes.get(t).positions(), positions);
            assertArrayEquals(meshes.get(t).faces(), faces);
            assertEquals(12, mesh.get("triangles").asInt());
        }
        assertEquals("frame-001.ply", frames.get(1).get("meshName").asText());
    }

    @Test
    void framesFollowTheMeshNumbersAndPairWithImagesInNameOrder(@TempDir Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("run"));
        MeshFiles.write(out.resolve("frame-000.obj"), box(1, 1, 1));
        MeshFiles.write(out.resolve("frame-002.obj"), box(2, 1, 1)); // frame 1 had no surface
        Files.writeString(out.resolve("frame-x.obj"), "not a frame");
        Path images = Files.createDirectories(dir.resolve("in put")); // outside the page's folder
        for (String name : new String[] {"b.png", "a.png", "c.PNG", "d.png", "notes.txt"}) {
            Files.writeString(images.resolve(name), name);
        }
        ViewerPage page = ViewerPage.fromOutputs(out, images, "random <weights>", 8);
        assertEquals(3, page.frames().size());
        assertEquals(null, page.frames().get(1).mesh());
        assertEquals(List.of("a.png", "b.png", "c.PNG"),
                page.frames().stream().map(f -> f.image().getFileName().toString()).toList());
        page.writeTo(out);
        JsonNode frames = sequence(out).get("frames");
        assertTrue(frames.get(1).get("mesh").isNull());
        // the page's image URLs resolve, relative to index.html, to the images
        for (int t = 0; t < 3; t++) {
            Path resolved = Path.of(out.resolve("index.html").toUri().resolve(frames.get(t).get("image").asText()));
            assertEquals(page.frames().get(t).image().toAbsolutePath(), resolved);
        }
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<div id=\"banner\">random &lt;weights&gt;</div>"), html);
        try (Stream<Path> left = Files.list(out.resolve("viewer"))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void noBannerHidesIt(@TempDir Path out) throws IOException {
        MeshFiles.write(out.resolve("frame-000.obj"), box(1, 1, 1));
        ViewerPage.fromOutputs(out, null, null, 8).writeTo(out);
        assertTrue(Files.readString(out.resolve("index.html")).contains("<div id=\"banner\" hidden></div>"));
    }

    @Test
    void badInputNamesTheProblem(@TempDir Path out) throws IOException {
        IOException none = assertThrows(IOException.class, () -> ViewerPage.fromOutputs(out, null, null, 8));
        assertTrue(none.getMessage().contains(out + ": no meshes named frame-NNN"), none.getMessage());
        MeshFiles.write(out.resolve("frame-000.obj"), box(1, 1, 1));
        IOException images = assertThrows(IOException.class,
                () -> ViewerPage.fromOutputs(out, out.resolve("nope"), null, 8));
        assertTrue(images.getMessage().contains("nope: not a directory"), images.getMessage());
        assertFalse(Files.exists(out.resolve("index.html")));
    }

    /** viewer.js imports three.js from blob: URLs and rewrites exactly these specifiers; a new three.js must keep them. */
    @Test
    void threeModulesImportOnlyWhatTheViewerRewrites() throws IOException {
        assertEquals(Set.of(), importSpecifiers("three.core.js"));
        assertEquals(Set.of("./three.core.js"), importSpecifiers("three.module.js"));
        assertEquals(Set.of("three"), importSpecifiers("OrbitControls.js"));
    }

    private static Set<String> importSpecifiers(String module) throws IOException {
        String source;
        try (InputStream in = ViewerPage.class.getResourceAsStream("three/" + module)) {
            assertTrue(in != null, module + " is not on the classpath");
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertFalse(Pattern.compile("\\bimport\\s*\\(").matcher(source).find(), module + " has a dynamic import");
        Set<String> specifiers = new LinkedHashSet<>();
        Matcher m = Pattern.compile(
                "(?m)^(?:import\\b[^;'\"]*?(?:from\\s*)?|export\\b[^;'\"]*?from\\s*)['\"]([^'\"]+)['\"]").matcher(source);
        while (m.find()) specifiers.add(m.group(1));
        return specifiers;
    }
}
