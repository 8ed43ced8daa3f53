package org.sculpt4d.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.geometry.render.MeshRenderer;
import org.sculpt4d.geometry.render.OrthoCamera;

/**
 * Drives the viewer page in headless Chromium (Debian's {@code chromium}), opened from {@code file://} with no flag
 * that loosens file access: screenshots at frame 0 and, through {@code index.html#frame=2}, at frame 2 must show a
 * mesh and an input image, and differ in both panels. Skipped when Chromium is missing, except under {@code CI=true}
 * (environment or system property), where that fails: {@code .ci/run} installs it.
 */
class ViewerChromiumTest {
    private static final int WIDTH = 800, HEIGHT = 400;
    private static final int PANEL_BACKGROUND = 0x20242a; // index.html's .panel and viewer.js's scene background
    /** A pixel belongs to the drawing when a channel differs from the background by more than this. */
    private static final int INK = 24;
    /** Rows at the top of a panel skipped by the pixel counts: its label, which names the frame. */
    private static final int LABEL_ROWS = 24;

    @Test
    void drawsTheMeshAndTheSliderChangesIt(@TempDir Path dir) throws Exception {
        Path chromium = chromium();
        Path out = dir.resolve("run");
        List<TriangleMesh> meshes = List.of(ViewerPageTest.box(1, 1, 1), ViewerPageTest.box(1.8f, 0.5f, 0.5f),
                ViewerPageTest.box(0.4f, 1.9f, 0.4f));
        Path inputs = Files.createDirectories(out.resolve("inputs"));
        OrthoCamera camera = OrthoCamera.framing(new MeshSequence(meshes), 30, 20);
        for (int t = 0; t < meshes.size(); t++) {
            MeshFiles.write(out.resolve(String.format(Locale.ROOT, "frame-%03d.obj", t)), meshes.get(t));
            MeshRenderer.clay(128).render(meshes.get(t), camera).writePng(inputs.resolve("input-" + t + ".png"));
        }
        Path index = ViewerPage.fromOutputs(out, null, "random weights", 8).writeTo(out);

        BufferedImage first = screenshot(chromium, index.toUri().toString(), dir.resolve("frame0.png"), dir);
        BufferedImage last = screenshot(chromium, index.toUri() + "#frame=2", dir.resolve("frame2.png"), dir);
        // the panels are the left and right halves' background boxes (the drawings sit inside)
        Box input = Box.panel(first, 0, WIDTH / 2), mesh = Box.panel(first, WIDTH / 2, WIDTH);
        assertEquals(mesh, Box.panel(last, WIDTH / 2, WIDTH), "the layout moved between the screenshots");
        String status = "page status: " + status(chromium, index.toUri() + "#frame=2", dir);
        int meshInk0 = mesh.ink(first), meshInk2 = mesh.ink(last);
        int meshChanged = mesh.changed(first, last), inputChanged = input.changed(first, last);
        System.out.printf(Locale.ROOT, "ViewerChromiumTest: mesh panel %dx%d px, mesh pixels at frame 0: %d, at frame 2: "
                        + "%d, changed: %d; input panel changed: %d; %s%n", mesh.x1() - mesh.x0(), mesh.y1() - mesh.y0(),
                meshInk0, meshInk2, meshChanged, inputChanged, status);
        int area = mesh.area();
        assertTrue(meshInk0 > area / 50 && meshInk2 > area / 50, "no mesh drawn; " + status);
        assertTrue(input.ink(first) > area / 100, "no input image shown; " + status);
        assertTrue(meshChanged > area / 50, "frame=2 draws the same mesh as frame 0; " + status);
        assertTrue(inputChanged > area / 100, "frame=2 shows the same input as frame 0; " + status);
    }

    /** A pixel box [x0, x1) × [y0, y1). */
    private record Box(int x0, int y0, int x1, int y1) {
        int area() {
            return (x1 - x0) * (y1 - y0);
        }

        /** The bounding box of the panel background colour in columns [fromX, toX), less the label rows. */
        static Box panel(BufferedImage image, int fromX, int toX) {
            int x0 = toX, y0 = image.getHeight(), x1 = fromX, y1 = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = fromX; x < toX; x++) {
                    if (distance(image.getRGB(x, y), PANEL_BACKGROUND) <= 2) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x + 1);
                        y1 = Math.max(y1, y + 1);
                    }
                }
            }
            assertTrue(x1 - x0 > 100 && y1 - y0 > 100 + LABEL_ROWS, "no viewer panel in the screenshot");
            return new Box(x0, y0 + LABEL_ROWS, x1, y1);
        }

        /** Pixels of the drawing: those away from the background. */
        int ink(BufferedImage image) {
            int n = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) if (distance(image.getRGB(x, y), PANEL_BACKGROUND) > INK) n++;
            }
            return n;
        }

        /** Pixels that differ between two screenshots. */
        int changed(BufferedImage a, BufferedImage b) {
            int n = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) if (distance(a.getRGB(x, y), b.getRGB(x, y)) > INK) n++;
            }
            return n;
        }
    }

    /** The largest per-channel difference of two RGB colours. */
    private static int distance(int rgb, int other) {
        int d = 0;
        for (int shift = 0; shift < 24; shift += 8) d = Math.max(d, Math.abs((rgb >> shift & 255) - (other >> shift & 255)));
        return d;
    }

    private static BufferedImage screenshot(Path chromium, String url, Path png, Path dir) throws Exception {
        run(chromium, dir, "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, url);
        assertTrue(Files.isRegularFile(png), "chromium wrote no screenshot " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH, image.getWidth());
        return image;
    }

    /** The page's status line (frame, triangles, or why it failed), from the DOM after the scripts ran. */
    private static String status(Path chromium, String url, Path dir) throws Exception {
        String dom = run(chromium, dir, "--dump-dom", url);
        Matcher m = Pattern.compile("<span id=\"status\">([^<]*)</span>").matcher(dom);
        return m.find() ? m.group(1) : "(no status element)";
    }

    /** Runs headless Chromium on a page and returns its standard output. */
    private static String run(Path chromium, Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                // newer Chromium renders WebGL in software (no GPU here) only with this opt-in
                "--enable-unsafe-swiftshader", "--hide-scrollbars", "--virtual-time-budget=10000",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + command);
        }
        return Files.readString(stdout);
    }

    /** Chromium on the PATH; otherwise the test is skipped, or fails under CI=true. */
    private static Path chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[] {"chromium", "chromium-browser"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return candidate;
            }
        }
        String message = "chromium is not installed (Debian: apt-get install chromium); the viewer's browser test needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("CI")) fail(message);
        return Assumptions.abort(message);
    }
}
