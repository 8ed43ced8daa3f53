package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshMeasures;
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

/** OBJ reading on assimp's test models (counts from the files themselves: {@code v} and {@code f} lines, corners). */
class ObjReaderTest {
    @TempDir
    Path dir;

    private static TriangleMesh read(String name) throws IOException {
        return MeshFiles.read(realFile("assimp-testmodels-5.2.5/OBJ/" + name));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void boxVariantsAllReadAsTheSameClosedCube() throws IOException {
        TriangleMesh box = read("box.obj");
        assertEquals(8, box.vertexCount());
        assertEquals(12, box.faceCount(), "6 quads, fan-triangulated");
        assertTrue(new MeshTopology(box).isClosedManifold());
        assertEquals(1, Math.abs(MeshMeasures.signedVolume(box)), 1e-6, "unit cube ±0.5");
        for (String variant : new String[] {"box_UTF16BE.obj", "box_without_lineending.obj"}) {
            TriangleMesh m = read(variant);
            assertArrayEquals(box.positions(), m.positions(), variant);
            assertArrayEquals(box.faces(), m.faces(), variant);
        }
    }

    @Test
    void aLongFanLineBecomesCornersMinusTwoTriangles() throws IOException {
        Path file = realFile("assimp-testmodels-5.2.5/OBJ/box_longline.obj");
        int triangles = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("f ")) triangles += line.trim().split("\\s+").length - 3;
        }
        TriangleMesh m = MeshFiles.read(file);
        assertEquals(8, m.vertexCount());
        assertEquals(triangles, m.faceCount(), "k − 2 triangles per k-corner face");
        assertTrue(triangles > 900, "the first face has hundreds of corners");
    }

    @Test
    void concavePolygonIsFanTriangulated() throws IOException {
        TriangleMesh m = read("concave_polygon.obj");
        assertEquals(64, m.faceCount(), "one 66-corner face");
        int first = m.faces()[0];
        for (int i = 0; i < m.faces().length; i += 3) assertEquals(first, m.faces()[i], "fan around corner 0");
        assertNotNull(m.normals(), "one normal (//1) for every corner");
    }

    @Test
    void numberFormatsRejectTheMalformedExponentAtItsLine() {
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> read("number_formats.obj"));
        assertTrue(e.getMessage().startsWith(realFile("assimp-testmodels-5.2.5/OBJ/number_formats.obj")
                + ": line 11: "), e.getMessage());
        assertTrue(e.getMessage().contains("3.1+e2"), e.getMessage());
    }

    @Test
    void numberFormatsUpToTheMalformedLineParseAsDecimals() throws IOException {
        String text = "v 1 2. 3.0\nv +1e2 +2.e1 -3.1e2\nv 1E2 2.E1 .5e-1\nf 1 2 3\n";
        TriangleMesh m = MeshFiles.read(write("n.obj", text));
        assertArrayEquals(new float[] {1, 2, 3, 100, 20, -310, 100, 20, 0.05f}, m.positions());
    }

    @Test
    void pointsAndLinesCarryNoTriangles() throws IOException {
        assertEquals(0, read("testpoints.obj").faceCount());
        assertEquals(0, read("testline.obj").faceCount());
        TriangleMesh mixed = read("testmixed.obj");
        assertEquals(8, mixed.vertexCount());
        assertEquals(12, mixed.faceCount(), "only the 6 f quads");
        TriangleMesh cloud = read("point_cloud.obj");
        assertEquals(3, cloud.vertexCount());
        assertNull(cloud.normals(), "normals belong to face corners; there are none");
    }

    @Test
    void vertexColoursAreKeptAndDisagreeingCornerNormalsDropped() throws IOException {
        Path file = realFile("assimp-testmodels-5.2.5/OBJ/cube_with_vertexcolors.obj");
        TriangleMesh kept = MeshFiles.read(file, CornerAttributes.KEEP_VERTICES);
        assertEquals(8, kept.vertexCount());
        assertNotNull(kept.colors());
        assertEquals(0.48627f, kept.colors()[0]);
        assertNull(kept.normals(), "each corner vertex has three side normals");
        assertTrue(new MeshTopology(kept).isClosedManifold());

        TriangleMesh split = MeshFiles.read(file, CornerAttributes.SPLIT_VERTICES);
        assertEquals(24, split.vertexCount(), "8 corners × 3 sides");
        assertEquals(12, split.faceCount());
        assertNotNull(split.normals());
        assertEquals(6, new MeshTopology(split).componentCount(), "the sides come apart");
        assertSplitMatchesKept(kept, split);
    }

    @Test
    void spiderWithPositionTextureAndNormalIndices() throws IOException {
        Path file = realFile("assimp-testmodels-5.2.5/OBJ/spider.obj");
        TriangleMesh kept = MeshFiles.read(file);
        assertEquals(762, kept.vertexCount());
        assertEquals(1368, kept.faceCount());
        TriangleMesh split = MeshFiles.read(file, CornerAttributes.SPLIT_VERTICES);
        assertNotNull(split.uvs());
        assertNotNull(split.normals());
        assertTrue(split.vertexCount() >= 762);
        assertSplitMatchesKept(kept, split);
    }

    @Test
    void emptyMaterialFileWithNormalOnlyCorners() throws IOException {
        TriangleMesh m = read("empty_mat.obj");
        assertEquals(130, m.vertexCount());
        assertEquals(256, m.faceCount());
    }

    /** Splitting only appends copies: every split triangle has the same corner positions as the kept one. */
    private static void assertSplitMatchesKept(TriangleMesh kept, TriangleMesh split) {
        assertEquals(kept.faceCount(), split.faceCount());
        for (int v = 0; v < kept.vertexCount(); v++) {
            for (int k = 0; k < 3; k++) assertEquals(kept.positions()[3 * v + k], split.positions()[3 * v + k]);
        }
        for (int c = 0; c < kept.faces().length; c++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(kept.positions()[3 * kept.faces()[c] + k], split.positions()[3 * split.faces()[c] + k]);
            }
        }
    }

    @Test
    void negativeIndicesCountBackFromTheLastVertex() throws IOException {
        TriangleMesh m = MeshFiles.read(write("neg.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\nv 0 0 1\nf 1 -3 -1\n"));
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 3}, m.faces());
    }

    @Test
    void continuedLinesAndCommentsAreJoinedAndSkipped() throws IOException {
        TriangleMesh m = MeshFiles.read(write("c.obj", "v 0 0 0 # origin\nv 1 \\\n 0 0\nv 0 1 0\nf 1 2 \\\n3\n"));
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, m.positions());
        assertEquals(1, m.faceCount());
    }

    @Test
    void badFilesAreRejectedAtTheirLine() throws IOException {
        String[][] cases = {
            {"v 0 0 0\nv 1 0 0\nf 1 2 3\n", ": line 3: "},
            {"v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 0\n", ": line 4: "},
            {"v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2\n", ": line 4: "},
            {"v 0 0\n", ": line 1: "},
            {"# header\nv 0 0 nan\n", ": line 2: "},
            {"v 0 0 1e39\n", ": line 1: "},
            {"v 0 0 0\nv 1 0 0\nv 1 1 0\nvt 0 0\nf 1/2 2/1 3/1\n", ": line 5: "},
            {"v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1/1/1/1 2 3\n", ": line 4: "},
            {"v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 x\n", ": line 4: "},
        };
        for (String[] c : cases) {
            Path p = write("bad.obj", c[0]);
            MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(p), c[0]);
            assertTrue(e.getMessage().startsWith(p + c[1]), e.getMessage());
            assertEquals(p, e.file());
        }
    }
}
