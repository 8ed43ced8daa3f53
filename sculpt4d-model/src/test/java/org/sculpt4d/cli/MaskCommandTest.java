package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskPicture;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.tensor.BlockMask;

class MaskCommandTest {

    /** Every pixel of the written PNG is the colour of its block in the compiled mask, or a boundary line. */
    @Test
    void pictureShowsTheCompiledBlockMask(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("mask.png");
        MainTest.Run r = MainTest.run("mask", "--frames", "5", "--tokens", "40", "--block", "8", "--half-life", "2",
                "--no-anchor-row", "--size", "100", "--png", png.toString());
        assertEquals(0, r.code(), r.err());
        MaskSettings s = MaskSettings.DEFAULT.withBlockSize(8).withHalfLife(2).withAnchor(false, true);
        FrameLayout layout = s.layout(5, 40);
        BlockMask mask = Mask4DPreset.SCULPT4D.mask(s).compile(layout);
        BufferedImage img = ImageIO.read(png.toFile());
        int cell = 100 / 25; // 5 frames of 5 blocks
        assertEquals(25 * cell + 4, img.getWidth());
        assertEquals(img.getWidth(), img.getHeight());
        // block of each pixel row/column, or −1 on a boundary line (one before every frame after the first)
        int period = 5 * cell + 1, blockAt[] = new int[img.getWidth()];
        for (int x = 0; x < blockAt.length; x++) {
            blockAt[x] = x % period == 5 * cell ? -1 : 5 * (x / period) + x % period / cell;
        }
        int kept = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int want = blockAt[y] < 0 || blockAt[x] < 0 ? MaskPicture.BOUNDARY
                        : mask.isKept(blockAt[y], blockAt[x]) ? MaskPicture.KEPT : MaskPicture.DROPPED;
                assertEquals(want, img.getRGB(x, y), "pixel " + x + "," + y);
                if (want == MaskPicture.KEPT) kept++;
            }
        }
        assertEquals(mask.keptTiles() * cell * cell, kept);
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "block density %.6f", mask.density())), r.out());
        assertTrue(r.out().contains("wrote " + png), r.out());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    /** Full attention keeps everything; temporal-only keeps T of the T·(N+1) keys of every query. */
    @Test
    void densitiesOfTheExtremePresets() {
        MainTest.Run full = MainTest.run("mask", "--frames", "3", "--tokens", "20", "--preset", "full");
        assertEquals(0, full.code(), full.err());
        assertTrue(full.out().contains("token density 1.000000, block density 1.000000"), full.out());
        MainTest.Run temporal = MainTest.run("mask", "--frames", "4", "--tokens", "15", "--preset", "temporal-only");
        assertEquals(0, temporal.code(), temporal.err());
        assertTrue(temporal.out().contains(String.format(java.util.Locale.ROOT, "token density %.6f", 1.0 / 16)), temporal.out());
        assertTrue(temporal.out().contains("position-aligned"), temporal.out());
    }

    @Test
    void badArgumentsAreOneClearLine() {
        MainTest.Run r = MainTest.run("mask", "--preset", "diagonal");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'diagonal' is not one of"), r.err());
        MainTest.Run b = MainTest.run("mask", "--block", "0");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("block size must be at least 1, got 0"), b.err());
        assertFalse(b.err().contains("\tat "), b.err());
    }
}
