package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.tensor.Tensor;

class ImagePreprocessorTest {
    @TempDir
    Path dir;

    /** A 300×200 (W×H) transparent PNG with an opaque red 60×90 rectangle at rows 40..129, columns 200..259. */
    private Path redRectangle() throws IOException {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        for (int y = 40; y < 130; y++) {
            for (int x = 200; x < 260; x++) img.setRGB(x, y, 0xFFFF0000);
        }
        Path file = dir.resolve("red.png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /**
     * Spec §4.1 on a real PNG: the object is recentred with its longer side at 85 % of the canvas, the background is
     * white, and the tensor is [3, 512, 512] in [−1, 1].
     */
    @Test
    void recentresAnRgbaPng() throws IOException {
        Tensor t = ImagePreprocessor.hunyuan().load(redRectangle());
        assertArrayEquals(new int[] {3, 512, 512}, t.shape());
        int top = 512, bottom = -1, left = 512, right = -1;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                float r = t.get(0, y, x), g = t.get(1, y, x), b = t.get(2, y, x);
                assertTrue(r >= -1 && r <= 1 && g >= -1 && g <= 1 && b >= -1 && b <= 1);
                if (g < 0) { // red: green and blue near −1
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertEquals(1f, t.get(0, 0, 0));
        assertEquals(1f, t.get(1, 511, 511)); // background composited over white
        assertEquals(-1f, t.get(1, 256, 256)); // the object's centre is pure red
        // canvas S = 300, box 89×59 (last row/column dropped) → longer side int(300·0.85) = 255 → ×512/300 = 435
        double longSide = 255 * 512.0 / 300, shortSide = (int) (59 * 255.0 / 89) * 512.0 / 300;
        assertEquals(longSide, bottom - top + 1, 3);
        assertEquals(shortSide, right - left + 1, 3);
        assertEquals(255.5, (top + bottom) / 2.0, 2);
        assertEquals(255.5, (left + right) / 2.0, 2);
    }

    /** Reading the PNG gives the pixels that were written, so the file path and the in-memory path agree. */
    @Test
    void fileAndPixelsAgree() throws IOException {
        Path file = redRectangle();
        PixelImage px = ImagePreprocessor.readRgba(file);
        assertEquals(0xFF, px.get(40, 200, 0));
        assertEquals(0, px.get(40, 200, 1));
        assertEquals(0xFF, px.get(40, 200, 3));
        assertEquals(0, px.get(0, 0, 3));
        ImagePreprocessor pre = new ImagePreprocessor(64, 0.15);
        assertArrayEquals(pre.process(px, "memory").toArray(), pre.load(file).toArray());
    }

    private Path png(String name, BufferedImage img) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** The message of {@code type} thrown when loading {@code file}: it names the file and contains {@code what}. */
    private static void assertRefused(Class<? extends Exception> type, Path file, String what) {
        String m = assertThrows(type, () -> ImagePreprocessor.hunyuan().load(file)).getMessage();
        assertTrue(m.contains(file.toString()) && m.contains(what), m);
    }

    /** An RGB image is refused with a message that names the file and says how to provide a mask. */
    @Test
    void rejectsRgbWithoutAlpha() throws IOException {
        Path file = png("photo.png", new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB));
        assertRefused(IOException.class, file, "no alpha channel");
        assertRefused(IOException.class, file, "does not remove backgrounds");
    }

    /** Fully transparent or one-pixel-thin masks, missing and non-image files: errors that name the file. */
    @Test
    void namesTheFileInOtherErrors() throws IOException {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB);
        assertRefused(IllegalArgumentException.class, png("empty.png", img), "alpha channel is 0 everywhere");
        for (int y = 0; y < 16; y++) img.setRGB(5, y, 0xFF00FF00);
        assertRefused(IllegalArgumentException.class, png("line.png", img), "single row or column");
        assertRefused(IOException.class, dir.resolve("missing.png"), "no such image file");
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        assertRefused(IOException.class, text, "javax.imageio");
    }

    /** Grey + alpha PNGs are read as RGBA with the grey value in every colour channel (no colour-space conversion). */
    @Test
    void readsGreyAlpha() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(8, 8);
        raster.setPixel(3, 4, new int[] {0x40, 0x80});
        Path file = dir.resolve("grey.png");
        ImageIO.write(new BufferedImage(cm, raster, false, null), "png", file.toFile());
        PixelImage px = ImagePreprocessor.readRgba(file);
        assertArrayEquals(new int[] {0x40, 0x40, 0x40, 0x80},
                new int[] {px.get(4, 3, 0), px.get(4, 3, 1), px.get(4, 3, 2), px.get(4, 3, 3)});
        assertEquals(0, px.get(0, 0, 3));
    }
}
