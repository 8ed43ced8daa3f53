package org.sculpt4d.geometry.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/**
 * A picture as non-premultiplied ARGB pixels, row-major from the top-left; alpha 0 is background.
 *
 * @param width  pixels per row
 * @param height rows
 * @param argb   {@code width·height} pixels
 */
public record RgbaImage(int width, int height, int[] argb) {
    public RgbaImage {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("image: " + argb.length + " pixels for " + width + "×" + height);
        }
    }

    public int alpha(int x, int y) {
        return argb[y * width + x] >>> 24;
    }

    /** Grey level 0–255 of the pixel (mean of r, g, b). */
    public int grey(int x, int y) {
        int p = argb[y * width + x];
        return (((p >> 16) & 255) + ((p >> 8) & 255) + (p & 255)) / 3;
    }

    /** Share of the pixels with non-zero alpha. */
    public double coverage() {
        long n = 0;
        for (int p : argb) if (p >>> 24 != 0) n++;
        return n / (double) argb.length;
    }

    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, width, height, argb, 0, width);
        return img;
    }

    /** Writes a PNG with transparency, atomically (temporary file beside the target, then a rename). */
    public void writePng(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
        try {
            if (!ImageIO.write(toBufferedImage(), "png", tmp.toFile())) throw new IOException("no PNG writer");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
