package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.geometry.TestMeshes.realFile;

class MeshSequenceFilesTest {
    @TempDir
    Path dir;

    private static MeshSequence wobblingCube(int frames) {
        TriangleMesh cube = TestMeshes.cube();
        TriangleMesh plain = new TriangleMesh(cube.positions(), cube.faces());
        List<TriangleMesh> list = new java.util.ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] p = plain.positions().clone();
            for (int i = 0; i < p.length; i += 3) p[i] *= 1f + 0.25f * t;
            list.add(plain.withPositions(p));
        }
        return new MeshSequence(list);
    }

    @Test
    void perFrameFilesReadBackInFrameOrder() throws IOException {
        MeshSequence s = wobblingCube(12);
        for (String ext : List.of("obj", "ply.gz")) {
            Path frames = dir.resolve(ext);
            List<Path> files = MeshSequenceFiles.writeFrames(frames, s, ext);
            assertEquals("frame_0011." + ext, files.get(11).getFileName().toString());
            MeshSequence back = MeshSequenceFiles.read(frames);
            assertEquals(12, back.frameCount());
            assertTrue(back.fixedTopology());
            for (int t = 0; t < 12; t++) {
                assertArrayEquals(s.frame(t).positions(), back.frame(t).positions(), 0f, ext + " frame " + t);
            }
        }
    }

    @Test
    void glbChoosesMorphTargetsForFixedTopologyAndNodesOtherwise() throws IOException {
        MeshSequence fixed = wobblingCube(5);
        Path morph = dir.resolve("fixed.glb");
        MeshSequenceFiles.writeGlb(morph, fixed, MeshSequenceFiles.DEFAULT_FPS);
        String json = new String(Files.readAllBytes(morph), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(json.contains("\"path\":\"weights\""));
        assertEquals(5, MeshSequenceFiles.read(morph).frameCount());

        MeshSequence variable = new MeshSequence(List.of(TestMeshes.cube(), TestMeshes.icosahedron()));
        Path nodes = dir.resolve("variable.glb");
        MeshSequenceFiles.writeGlb(nodes, variable, MeshSequenceFiles.DEFAULT_FPS);
        MeshSequence back = MeshSequenceFiles.read(nodes);
        assertFalse(back.fixedTopology());
        assertEquals(TestMeshes.icosahedron().faceCount(), back.frame(1).faceCount());
    }

    @Test
    void md2AndGltfAreReadByExtension() throws IOException {
        assertEquals(198, MeshSequenceFiles.read(Path.of("src/main/resources/org/sculpt4d/geometry/assets/faerie.md2")).frameCount());
        assertEquals(12, MeshSequenceFiles.read(
                realFile("assimp-testmodels-5.2.5/glTF2/simple_skin/simple_skin.gltf")).frameCount());
    }

    @Test
    void unknownPathsAreRefusedNamingThem() throws IOException {
        Path stl = Files.createFile(dir.resolve("mesh.stl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeshSequenceFiles.read(stl));
        assertTrue(e.getMessage().startsWith(stl.toString()), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(IllegalArgumentException.class, () -> MeshSequenceFiles.read(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }
}
