package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.geometry.TestMeshes.realFile;

class GltfReaderTest {
    @TempDir
    Path dir;

    private static final String DIR = "assimp-testmodels-5.2.5/glTF2/";

    @Test
    void animatedMorphCubeMovesWithinItsTargetsAndKeepsTopology() throws IOException {
        GltfReader.Animation a = GltfReader.read(realFile(DIR + "AnimatedMorphCube-glTF/AnimatedMorphCube.gltf"));
        MeshSequence s = a.sequence();
        // the file's weights sampler has 127 LINEAR keys over 0..4.2 s
        assertEquals(127, s.frameCount());
        assertEquals(0f, a.times()[0], 1e-6f);
        assertEquals(4.2f, a.times()[126], 1e-3f);
        assertTrue(s.fixedTopology());
        assertEquals(24, s.frame(0).vertexCount());
        assertEquals(12, s.frame(0).faceCount());
        double maxMove = 0;
        for (TriangleMesh m : s.frames()) {
            for (int i = 0; i < m.positions().length; i++) {
                maxMove = Math.max(maxMove, Math.abs(m.positions()[i] - s.frame(0).positions()[i]));
            }
        }
        // the node scales by 100 (and rotates); the two targets move POSITION only along y, by at most 0.01893253
        // and 0.0198908355 (accessor max), with weights in [0, 1] that the animation drives up to 1
        assertTrue(maxMove > 1.0, "max movement " + maxMove);
        assertTrue(maxMove <= 100 * (0.01893253 + 0.0198908355) + 1e-4, "max movement " + maxMove);
        // rest pose: the ±0.01 cube scaled by 100 (rotation by a multiple of 90° keeps it axis-aligned)
        TriangleMesh rest = GltfReader.readMesh(realFile(DIR + "AnimatedMorphCube-glTF/AnimatedMorphCube.gltf"));
        for (float c : rest.positions()) assertEquals(1.0, Math.abs(c), 1e-4, "rest coordinate");
    }

    @Test
    void simpleSkinFollowsHandComputedLinearBlendSkinning() throws IOException {
        GltfReader.Animation a = GltfReader.read(realFile(DIR + "simple_skin/simple_skin.gltf"));
        assertEquals(12, a.sequence().frameCount());
        assertEquals(1.0f, a.times()[2], 0f);
        // Hand computation. Rest vertices: x in {0, 1}, y = 0, 0.5, ..., 2 (vertex 2r + c at (c, r/2, 0)); weights
        // (joint0, joint1) per row (1,0), (.75,.25), (.5,.5), (.25,.75), (0,1). Both inverse bind matrices translate
        // by (-0.5, -1, 0); joint 0 sits at (0,1,0), joint 1 is its child without offset, rotating about z. So
        // M0 = T(-0.5,0,0) and M1 p = (0,1,0) + R·(p − (0.5,1,0)). At t = 1.0 s the key is (0, 0, 0.7071, 0.7071):
        // R = +90° about z, (x, y) → (−y, x).
        float[] p = a.sequence().frame(2).positions();
        assertVertex(p, 0, -0.5f, 0, 0);        // M0·(0,0,0)
        assertVertex(p, 4, -0.25f, 0.75f, 0);   // ½·(−0.5,1,0) + ½·((0,1,0) + R(−0.5,0,0))
        assertVertex(p, 5, 0.25f, 1.25f, 0);    // ½·(0.5,1,0) + ½·((0,1,0) + R(0.5,0,0))
        assertVertex(p, 8, -1, 0.5f, 0);        // (0,1,0) + R(−0.5,1,0)
        assertVertex(p, 9, -1, 1.5f, 0);        // (0,1,0) + R(0.5,1,0)
        // frame 0 (identity rotation) is the rest pose, shifted by −0.5 in x
        float[] rest = a.sequence().frame(0).positions();
        assertVertex(rest, 9, 0.5f, 2, 0);
        assertArrayEquals(rest, GltfReader.readMesh(realFile(DIR + "simple_skin/simple_skin.gltf")).positions(), 1e-6f);
    }

    private static void assertVertex(float[] p, int v, float x, float y, float z) {
        assertArrayEquals(new float[] {x, y, z}, new float[] {p[3 * v], p[3 * v + 1], p[3 * v + 2]}, 1e-4f,
                "vertex " + v);
    }

    @Test
    void brokenFilesAreRejectedNamingFileAndElement() {
        assertRejected("IndexOutOfRange/IndexOutOfRange.gltf", "accessors[0]", "out of range");
        assertRejected("MissingBin/BoxTextured.gltf", "buffers[0]", "missing buffer file BoxTextured0.bin");
        assertRejected("BoxWithInfinites-glTF-Binary/BoxWithInfinites.glb", "accessors[", "non-finite");
        assertRejected("wrongTypes/badArray.gltf", "JSON", "primitives");
        assertRejected("wrongTypes/badNumber.gltf", "JSON", "scale");
    }

    /**
     * A one-triangle glTF: positions (0,0,0), (10,0,0), (0,10,0) as FLOAT in a data: buffer, with the POSITION
     * accessor's type and the node's scale given.
     */
    private Path triangle(String positionType, String scale) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {0, 0, 0, 10, 0, 0, 0, 10, 0}) b.putFloat(v);
        String json = "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],"
                + "\"nodes\":[{\"mesh\":0,\"scale\":" + scale + "}],"
                + "\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0}}]}],"
                + "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\""
                + positionType + "\"}],\"bufferViews\":[{\"buffer\":0,\"byteLength\":36}],"
                + "\"buffers\":[{\"byteLength\":36,\"uri\":\"data:application/octet-stream;base64,"
                + java.util.Base64.getEncoder().encodeToString(b.array()) + "\"}]}";
        Path file = dir.resolve("triangle.gltf");
        java.nio.file.Files.writeString(file, json);
        return file;
    }

    @Test
    void craftedFaultsAreRejected() throws IOException {
        assertEquals(3, GltfReader.readMesh(triangle("VEC3", "[2,2,2]")).vertexCount());
        assertArrayEquals(new float[] {0, 0, 0, 20, 0, 0, 0, 20, 0},
                GltfReader.readMesh(triangle("VEC3", "[2,2,2]")).positions(), 0f);
        Path wrongType = triangle("VEC2", "[1,1,1]");
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> GltfReader.read(wrongType));
        assertTrue(e.getMessage().startsWith(wrongType + ": accessors[0]: "), e.getMessage());
        assertTrue(e.getMessage().contains("element type VEC2 where VEC3 is required"), e.getMessage());
        Path overflow = triangle("VEC3", "[1e38,1e38,1e38]");
        e = assertThrows(MeshFormatException.class, () -> GltfReader.read(overflow));
        assertTrue(e.getMessage().startsWith(overflow + ": meshes: "), e.getMessage());
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    }

    @Test
    void primitivesOfNestedNodesAreMergedWithTheirTransforms() throws IOException {
        // one buffer: the triangle (0,0,0), (1,0,0), (0,1,0); a mesh with it twice as TRIANGLES and once as LINES,
        // held by a child node (scale 2) of a node translated by (5,0,0)
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(36).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}) b.putFloat(v);
        String primitive = "{\"attributes\":{\"POSITION\":0},\"mode\":";
        String json = "{\"asset\":{\"version\":\"2.0\"},\"scene\":0,\"scenes\":[{\"nodes\":[0]}],"
                + "\"nodes\":[{\"children\":[1],\"translation\":[5,0,0]},{\"mesh\":0,\"scale\":[2,2,2]}],"
                + "\"meshes\":[{\"primitives\":[" + primitive + "4}," + primitive + "1}," + primitive + "4}]}],"
                + "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":3,\"type\":\"VEC3\"}],"
                + "\"bufferViews\":[{\"buffer\":0,\"byteLength\":36}],"
                + "\"buffers\":[{\"byteLength\":36,\"uri\":\"data:application/octet-stream;base64,"
                + java.util.Base64.getEncoder().encodeToString(b.array()) + "\"}]}";
        Path file = dir.resolve("nested.gltf");
        java.nio.file.Files.writeString(file, json);
        TriangleMesh m = GltfReader.readMesh(file);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, m.faces());
        float[] once = {5, 0, 0, 7, 0, 0, 5, 2, 0};
        float[] twice = new float[18];
        System.arraycopy(once, 0, twice, 0, 9);
        System.arraycopy(once, 0, twice, 9, 9);
        assertArrayEquals(twice, m.positions(), 0f);
    }

    private static void assertRejected(String name, String position, String detail) {
        Path file = realFile(DIR + name);
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> GltfReader.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(position), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
}
