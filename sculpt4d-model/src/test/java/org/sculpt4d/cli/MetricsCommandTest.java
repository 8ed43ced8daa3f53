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

class MetricsCommandTest {
    private static final int[] CUBE_FACES = {
        0, 1, 3, 0, 3, 2, 4, 6, 7, 4, 7, 5, 0, 4, 5, 0, 5, 1, 2, 3, 7, 2, 7, 6, 0, 2, 6, 0, 6, 4, 1, 5, 7, 1, 7, 3,
    };

    /** The cube [x, x+2] × [0, 2] × [0, 2], wound outward. */
    private static TriangleMesh cube(float x) {
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = x + 2 * (v >> 2 & 1);
            p[3 * v + 1] = 2 * (v >> 1 & 1);
            p[3 * v + 2] = 2 * (v & 1);
        }
        return new TriangleMesh(p, CUBE_FACES);
    }

    /** Frames t = 0, 1 of a cube sliding along x by 0.2 per frame, each moved by an extra {@code shift}. */
    private static Path frames(Path dir, String name, float shift, String ext) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        for (int t = 0; t < 2; t++) MeshFiles.write(d.resolve("frame-" + t + ext), cube(0.2f * t + shift));
        return d;
    }

    private static MainTest.Run metrics(Path pred, Path gt, Path json) {
        return MainTest.run("metrics", "--pred", pred.toString(), "--gt", gt.toString(), "--json", json.toString(),
                "--samples", "4000", "--iou-points", "20000", "--iou-grid", "32");
    }

    @Test
    void identicalSequencesScorePerfectIoUAndNoiseLevelChamfer(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("m.json");
        MainTest.Run r = metrics(frames(dir, "pred", 0, ".ply"), frames(dir, "gt", 0, ".obj"), json);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mean"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(2, j.get("frames").size());
        for (JsonNode f : j.get("frames")) {
            assertEquals(1.0, f.get("iou").asDouble(), 0.0);
            assertEquals(1.0, f.get("iou_grid").asDouble(), 0.0);
            // 4000 samples on a surface of area 24·(0.9999/2.2)² ≈ 4.96: noise floor ≈ √(A/N) ≈ 0.035, far below 0.1
            assertTrue(f.get("chamfer").asDouble() < 0.1, f.toString());
            assertTrue(f.get("fscore_0.05").asDouble() > 0.5, f.toString());
        }
        double mean = (j.at("/frames/0/chamfer").asDouble() + j.at("/frames/1/chamfer").asDouble()) / 2;
        assertEquals(mean, j.at("/mean/chamfer").asDouble(), 1e-12);
        assertEquals(j.at("/mean/chamfer").asDouble() / 2, j.at("/mean/chamfer_onet").asDouble(), 1e-12);
    }

    @Test
    void shiftedCubesGiveTheClosedFormIoU(@TempDir Path dir) throws IOException {
        // two cubes of side 2 offset by 0.5 along x: IoU = 1.5 / 2.5 = 0.6, unchanged by the joint normalisation
        Path json = dir.resolve("m.json");
        MainTest.Run r = metrics(frames(dir, "pred", 0.5f, ".obj"), frames(dir, "gt", 0, ".obj"), json);
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(0.6, j.at("/mean/iou").asDouble(), 0.02);
        assertEquals(0.6, j.at("/mean/iou_grid").asDouble(), 0.05);
        // the shift is 0.5 · scale in normalised units; Chamfer sees it on the two faces normal to x
        double shift = 0.5 * j.at("/normalisation/scale").asDouble();
        assertTrue(j.at("/mean/chamfer").asDouble() > shift / 3, j.toString());
        assertTrue(j.at("/mean/fscore_0.01").asDouble() < 1);
    }

    @Test
    void mismatchedFrameCountsAreOneLineAndWriteNothing(@TempDir Path dir) throws IOException {
        Path gt = frames(dir, "gt", 0, ".obj");
        Path pred = Files.createDirectories(dir.resolve("pred"));
        MeshFiles.write(pred.resolve("only.obj"), cube(0));
        Path json = dir.resolve("m.json");
        MainTest.Run r = metrics(pred, gt, json);
        assertEquals(1, r.code());
        assertTrue(r.err().contains("has 1 frames but --gt"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(json));
        Path flat = Files.createDirectories(dir.resolve("flat"));
        for (int t = 0; t < 2; t++) {
            MeshFiles.write(flat.resolve("f" + t + ".obj"), new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0},
                    new int[] {0, 1, 2}));
        }
        MainTest.Run degenerate = metrics(flat, gt, json);
        assertEquals(1, degenerate.code());
        assertTrue(degenerate.err().contains("frame 0") && degenerate.err().contains("zero area"), degenerate.err());
        assertFalse(Files.exists(json));
        MainTest.Run missing = metrics(dir.resolve("nope"), gt, json);
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
    }
}
