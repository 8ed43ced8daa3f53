package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.nn.io.SafeTensorsFile;

class SampleCommandTest {
    /** Three frames of a tetrahedron moving along x. */
    private static Path frames(Path dir) throws IOException {
        Path in = Files.createDirectories(dir.resolve("frames"));
        int[] faces = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
        for (int t = 0; t < 3; t++) {
            float x = 0.1f * t;
            MeshFiles.write(in.resolve("f" + t + ".obj"), new TriangleMesh(
                    new float[] {x, 0, 0, x + 1, 0, 0, x, 1, 0, x, 0, 1}, faces));
        }
        return in;
    }

    @Test
    void writesPointCloudsSurfacesAndASummary(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("sample", "--input", frames(dir).toString(), "--out", out.toString(),
                "--uniform", "1600", "--sharp", "400", "--latents", "64", "--frames", "0:3");
        assertEquals(0, r.code(), r.err());
        for (int t = 0; t < 3; t++) assertTrue(Files.exists(out.resolve("frame-00" + t + ".ply")));
        try (SafeTensorsFile f = SafeTensorsFile.open(out.resolve("surfaces.safetensors"))) {
            assertEquals(java.util.List.of(3, 2000, 7), java.util.Arrays.stream(f.stateDict().get("surface").shape())
                    .boxed().toList());
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("sample.json").toFile());
        assertEquals(1.0, j.at("/figures/coherence_ratio").asDouble(), 1e-6); // tokens follow the surface
    }

    /** With --snap the shells are written, closed, and the summary reports the moves (ε-order, none left over 3ε). */
    @Test
    void snapWritesShellsAndMoves(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("sample", "--input", frames(dir).toString(), "--out", out.toString(),
                "--uniform", "300", "--sharp", "100", "--latents", "16", "--snap", "--watertight-grid", "24");
        assertEquals(0, r.code(), r.err());
        for (int t = 0; t < 3; t++) {
            TriangleMesh shell = MeshFiles.read(out.resolve("watertight-00" + t + ".ply"));
            assertTrue(new org.sculpt4d.geometry.MeshTopology(shell).isClosedManifold(), "shell " + t + " is closed");
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("sample.json").toFile());
        assertEquals(24, j.at("/arguments/watertight_grid").asInt());
        double eps = 2.0 / 24 * 1.01 * 2; // ε in normalised units: longest side 2
        assertTrue(j.at("/figures/snap_mean_move").asDouble() > 0.3 * eps, j.toString());
        assertTrue(j.at("/figures/snap_max_move").asDouble() <= 3 * eps + 1e-6 || j.at("/figures/snap_remaining_beyond_3eps").asInt() > 0);
    }

    @Test
    void badInputIsOneLine(@TempDir Path dir) throws IOException {
        MainTest.Run missing = MainTest.run("sample", "--input", dir.resolve("nope").toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        MainTest.Run range = MainTest.run("sample", "--input", frames(dir).toString(), "--out",
                dir.resolve("o").toString(), "--frames", "2:1");
        assertEquals(1, range.code());
        assertTrue(range.err().contains("selects no frame"), range.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }
}
