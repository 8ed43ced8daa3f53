package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;

class ViewCommandTest {
    @Test
    void writesThePageWithTheViewerFilesBesideIt(@TempDir Path out) throws IOException {
        MeshFiles.write(out.resolve("frame-000.ply"), new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2}));
        MainTest.Run r = MainTest.run("view", out.toString(), "--banner", "random weights");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("view frames=1 meshes=1 inputs=0 -> "), r.out());
        assertTrue(Files.readString(out.resolve("index.html")).contains("random weights"));
        for (String f : new String[] {"sequence.js", "viewer.js", "three-LICENSE.txt"}) {
            assertTrue(Files.isRegularFile(out.resolve("viewer").resolve(f)), f);
        }
    }

    @Test
    void aFolderWithoutMeshesIsOneLine(@TempDir Path out) {
        MainTest.Run r = MainTest.run("view", out.toString());
        assertEquals(1, r.code());
        assertEquals("sculpt4d view: " + out + ": no meshes named frame-NNN.obj or frame-NNN.ply", r.err().strip());
        assertFalse(Files.exists(out.resolve("index.html")));
        assertEquals(1, MainTest.run("view", out.toString(), "--fps", "0").code());
    }
}
