package org.sculpt4d.geometry.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every writer, read back: the same mesh (colours through PLY within their 8-bit quantisation). */
class MeshFilesRoundTripProperties {
    /** PLY stores colours as round(255·c): at most 0.5/255 off, plus float rounding of the division by 255. */
    private static final float COLOUR_STEP = 0.5f / 255 + 1e-6f;

    @Provide
    Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes();
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("m.obj", "m.ply", "m.obj.gz", "m.ply.gz");
    }

    @Property(tries = 60)
    void everyFormatReadsBackTheMeshItWrote(@ForAll("meshes") TriangleMesh mesh, @ForAll("names") String name,
            @ForAll PlyEncoding encoding) throws IOException {
        Path dir = Files.createTempDirectory("mesh-round-trip");
        Path file = dir.resolve(name);
        MeshFiles.write(file, mesh, encoding);
        TriangleMesh back = MeshFiles.read(file);
        assertArrayEquals(mesh.positions(), back.positions());
        assertArrayEquals(mesh.faces(), back.faces());
        assertArrayEquals(mesh.normals(), back.normals());
        assertArrayEquals(mesh.uvs(), back.uvs());
        if (mesh.colors() == null) {
            assertNull(back.colors());
        } else if (name.contains(".obj")) {
            assertArrayEquals(mesh.colors(), back.colors());
        } else {
            assertArrayEquals(mesh.colors(), back.colors(), COLOUR_STEP);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file is left beside the target");
        }
        Files.delete(file);
        Files.delete(dir);
    }

    @Property(tries = 30)
    void rewritingReplacesTheOldFileWhole(@ForAll("meshes") TriangleMesh first, @ForAll("meshes") TriangleMesh second)
            throws IOException {
        Path file = Files.createTempFile("replace", ".ply");
        MeshFiles.write(file, first);
        MeshFiles.write(file, second);
        assertArrayEquals(second.positions(), MeshFiles.read(file).positions());
        assertArrayEquals(second.faces(), MeshFiles.read(file).faces());
        Files.delete(file);
    }
}
