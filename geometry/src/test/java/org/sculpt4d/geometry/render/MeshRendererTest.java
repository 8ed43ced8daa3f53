package org.sculpt4d.geometry.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.mc.MarchingCubes;

class MeshRendererTest {
    /** A sphere of radius 0.5 at the origin from marching cubes on a 65³ grid over [−1, 1]³. */
    static TriangleMesh sphere() {
        int n = 65;
        float[] g = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double x = -1 + 2.0 * i / (n - 1), y = -1 + 2.0 * j / (n - 1), z = -1 + 2.0 * k / (n - 1);
                    g[(i * n + j) * n + k] = (float) (0.5 - Math.sqrt(x * x + y * y + z * z));
                }
            }
        }
        return new MarchingCubes().bounds(1.0).extract(g, n, n, n).toMesh();
    }

    private static final TriangleMesh SPHERE = sphere();
    private static final MeshRenderer RENDERER = MeshRenderer.clay(128);

    private static OrthoCamera unitView(double az, double el) {
        return new OrthoCamera(new double[] {0, 0, 0}, 1.0, az, el);
    }

    @Test
    void sphereCoversItsProjectedDisk() {
        // a disk of radius 0.5 in a 2 × 2 view: π·0.25 / 4 = 0.19635 of the picture
        double coverage = RENDERER.render(SPHERE, unitView(30, 20)).coverage();
        assertEquals(Math.PI * 0.25 / 4, coverage, 0.004);
    }

    @Property(tries = 15)
    void sphereLooksTheSameFromEverywhere(@ForAll @DoubleRange(min = -180, max = 180) double az,
                                          @ForAll @DoubleRange(min = -80, max = 80) double el) {
        RgbaImage a = RENDERER.render(SPHERE, unitView(az, el)), b = RENDERER.render(SPHERE, unitView(0, 0));
        assertEquals(b.coverage(), a.coverage(), 0.003);
        // the light is fixed to the camera, so the brightest pixel sits in the upper left quadrant in every view
        int[] best = brightest(a);
        assertTrue(best[0] < 64 && best[1] < 64, "brightest pixel at " + best[0] + "," + best[1]);
    }

    private static int[] brightest(RgbaImage img) {
        int bx = 0, by = 0, best = -1;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (img.alpha(x, y) == 255 && img.grey(x, y) > best) {
                    best = img.grey(x, y);
                    bx = x;
                    by = y;
                }
            }
        }
        return new int[] {bx, by};
    }

    @Test
    void backgroundIsTransparentAndTheLitSideBrighter() {
        RgbaImage img = RENDERER.render(SPHERE, unitView(0, 0));
        assertEquals(0, img.alpha(0, 0));
        assertEquals(0, img.alpha(127, 127));
        assertEquals(255, img.alpha(64, 64));
        // upper left of the disk faces the light, lower right faces away (ambient only)
        assertTrue(img.grey(50, 50) > img.grey(78, 78) + 60, img.grey(50, 50) + " vs " + img.grey(78, 78));
    }

    @Test
    void theNearerSurfaceHidesTheFartherOne() {
        // a small square facing the viewer at z = 0.5, a big square tilted −60° about y (facing away from the light) behind it at z ≈ −0.5
        float c = (float) Math.cos(Math.toRadians(60)), s = (float) Math.sin(Math.toRadians(-60));
        float[] v = {-0.2f, -0.2f, 0.5f, 0.2f, -0.2f, 0.5f, 0.2f, 0.2f, 0.5f, -0.2f, 0.2f, 0.5f,
                -0.8f * c, -0.8f, -0.5f - 0.8f * s, 0.8f * c, -0.8f, -0.5f + 0.8f * s, 0.8f * c, 0.8f, -0.5f + 0.8f * s,
                -0.8f * c, 0.8f, -0.5f - 0.8f * s};
        int[] f = {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7};
        TriangleMesh both = new TriangleMesh(v, f);
        TriangleMesh front = new TriangleMesh(java.util.Arrays.copyOf(v, 12), new int[] {0, 1, 2, 0, 2, 3});
        TriangleMesh back = new TriangleMesh(java.util.Arrays.copyOfRange(v, 12, 24), new int[] {0, 1, 2, 0, 2, 3});
        // draw order must not matter: the front square first, or last
        TriangleMesh reversed = new TriangleMesh(v, new int[] {4, 5, 6, 4, 6, 7, 0, 1, 2, 0, 2, 3});
        OrthoCamera cam = unitView(0, 0);
        int centre = RENDERER.render(front, cam).grey(64, 64);
        assertTrue(Math.abs(centre - RENDERER.render(back, cam).grey(64, 64)) > 10, "the two squares differ in shade");
        assertEquals(centre, RENDERER.render(both, cam).grey(64, 64));
        assertEquals(centre, RENDERER.render(reversed, cam).grey(64, 64));
    }

    @Test
    void framingASequenceKeepsEveryFrameInThePicture() {
        float[] p = SPHERE.positions().clone();
        for (int i = 0; i < p.length; i += 3) p[i] += 3; // the second frame moved 3 units along x
        MeshSequence seq = new MeshSequence(List.of(SPHERE, SPHERE.withPositions(p)));
        OrthoCamera cam = OrthoCamera.framing(seq, 0, 0);
        for (TriangleMesh m : seq.frames()) {
            RgbaImage img = RENDERER.render(m, cam);
            for (int i = 0; i < 128; i++) { // nothing touches the border
                assertEquals(0, img.alpha(i, 0) | img.alpha(i, 127) | img.alpha(0, i) | img.alpha(127, i));
            }
            assertTrue(img.coverage() > 0.02);
        }
    }

    @Test
    void pngKeepsTheAlphaAndIsDeterministic(@TempDir Path dir) throws IOException {
        RgbaImage img = RENDERER.render(SPHERE, unitView(10, 10));
        assertArrayEquals(img.argb(), RENDERER.render(SPHERE, unitView(10, 10)).argb());
        Path file = dir.resolve("sphere.png");
        img.writePng(file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(128, back.getWidth());
        assertEquals(img.argb()[0], back.getRGB(0, 0));
        assertEquals(img.argb()[64 * 128 + 64], back.getRGB(64, 64));
    }
}
