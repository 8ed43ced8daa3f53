package org.sculpt4d.geometry.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.MeshTopology;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The npm {@code bunny@1.0.1} Stanford bunny: a real scan that is closed, genus 0 and wound outward. */
class BunnyTest {
    @TempDir
    Path dir;

    @Test
    void closedGenusZeroAndOutward() throws IOException {
        TriangleMesh bunny = TestMeshes.bunny();
        MeshTopology t = new MeshTopology(bunny);
        assertTrue(t.isClosedManifold(), t.toString());
        assertEquals(1, t.componentCount());
        assertEquals(0, t.genus());
        assertEquals(2, t.eulerCharacteristic());
        assertTrue(MeshMeasures.signedVolume(bunny) > 0, "outward winding");
        assertEquals(0, MeshMeasures.degenerateFaceCount(bunny));
    }

    @Test
    void survivesEveryWriter() throws IOException {
        TriangleMesh bunny = TestMeshes.bunny();
        for (String name : new String[] {"bunny.obj", "bunny.ply", "bunny.ply.gz"}) {
            for (PlyEncoding e : PlyEncoding.values()) {
                Path file = dir.resolve(name);
                MeshFiles.write(file, bunny, e);
                TriangleMesh back = MeshFiles.read(file);
                assertArrayEquals(bunny.positions(), back.positions(), name + " " + e);
                assertArrayEquals(bunny.faces(), back.faces(), name + " " + e);
            }
        }
    }
}
