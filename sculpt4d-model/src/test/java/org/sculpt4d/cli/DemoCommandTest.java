package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.io.MeshSequenceFiles;

/** {@code demo} on a small animated mesh: every stage runs, the outputs are there, and the random weights are said. */
class DemoCommandTest {
    @TempDir
    Path dir;

    /** A cube stretched along x by 1 + 0.3·t in frame t. */
    private Path stretchingCube(int frames) throws IOException {
        Path frameDir = Files.createDirectories(dir.resolve("cube"));
        int[] faces = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3};
        for (int t = 0; t < frames; t++) {
            float s = 1 + 0.3f * t;
            float[] p = new float[24];
            for (int v = 0; v < 8; v++) {
                p[3 * v] = ((v == 1 || v == 2 || v == 5 || v == 6) ? 1 : -1) * s;
                p[3 * v + 1] = (v == 2 || v == 3 || v == 6 || v == 7) ? 1 : -1;
                p[3 * v + 2] = v >= 4 ? 1 : -1;
            }
            MeshFiles.write(frameDir.resolve("f" + t + ".obj"), new TriangleMesh(p, faces));
        }
        return frameDir;
    }

    @Test
    void runsEveryStageOnRenderedFrames() throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("demo", "--input", stretchingCube(4).toString(), "--out", out.toString(), "--frames", "3",
                "--steps", "2", "--octree-resolution", "16", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (int t = 0; t < 3; t++) {
            BufferedImage in = ImageIO.read(out.resolve("inputs/frame-00" + t + ".png").toFile());
            assertTrue(in.getColorModel().hasAlpha(), "rendered inputs carry the alpha mask");
            assertEquals(0, in.getRGB(0, 0) >>> 24, "transparent background");
            assertTrue(MeshFiles.read(out.resolve("frame-00" + t + ".obj")).faceCount() > 0,
                    "the untrained field is cut at the level enclosing 10% of the box, so there is a surface");
        }
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
        // the animated GLB holds the same frames (marching cubes changes topology: one node per frame)
        MeshSequence animated = MeshSequenceFiles.read(out.resolve("sequence.glb"));
        assertEquals(3, animated.frameCount());
        for (int t = 0; t < 3; t++) {
            TriangleMesh obj = MeshFiles.read(out.resolve("frame-00" + t + ".obj"));
            assertEquals(obj.faceCount(), animated.frame(t).faceCount());
            assertEquals(obj.faceCount(), MeshSequenceFiles.read(out.resolve("frame-00" + t + ".glb")).frame(0).faceCount());
        }
        assertTrue(Files.readString(out.resolve("index.html")).contains("untrained"), "the viewer says so too");
        assertTrue(r.out().contains("RANDOM weights"), r.out());
    }

    /** Without --input the bundled faerie's frames of the named action are rendered; an unknown action lists the known. */
    @Test
    void bundledFaerieByAction() {
        Path out = dir.resolve("faerie");
        MainTest.Run r = MainTest.run("demo", "--action", "run", "--out", out.toString(), "--frames", "2", "--steps", "1",
                "--octree-resolution", "12", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bundled faerie (run)"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("inputs/frame-001.png")));

        r = MainTest.run("demo", "--action", "moonwalk", "--out", out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no action 'moonwalk'") && r.err().contains("wave"), r.err());
    }
}
