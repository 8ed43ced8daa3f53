package org.sculpt4d.conditioning;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.sculpt4d.tensor.Tensor;

/**
 * Hunyuan's {@code ImageProcessorV2(size=512, border_ratio=0.15)} (spec §4.1): an RGBA image is recentred on the
 * bounding box of its alpha mask with a border, composited over white, resized to {@code size × size} and scaled to
 * a {@code [3, size, size]} float tensor in [−1, 1] (channel-major, RGB; upstream's {@code [1,3,512,512]} without
 * the batch axis).
 *
 * <p>The input must carry an alpha channel that masks the object: this project does not remove backgrounds (upstream's
 * demos run rembg first).
 */
public final class ImagePreprocessor {
    private final int size;
    private final double borderRatio;

    public ImagePreprocessor(int size, double borderRatio) {
        if (size <= 0 || !(borderRatio >= 0 && borderRatio < 1)) {
            throw new IllegalArgumentException("image preprocessing needs size > 0 and 0 <= border_ratio < 1, got size "
                    + size + ", border_ratio " + borderRatio);
        }
        this.size = size;
        this.borderRatio = borderRatio;
    }

    /** The released pipeline's preprocessing: 512², border ratio 0.15. */
    public static ImagePreprocessor hunyuan() {
        return new ImagePreprocessor(512, 0.15);
    }

    public int size() {
        return size;
    }

    /** Reads an RGBA image file (PNG, or any format javax.imageio reads with alpha) and preprocesses it. */
    public Tensor load(Path file) throws IOException {
        return process(readRgba(file), file.toString());
    }

    /** {@code rgba} ({@code H × W × 4}) → {@code [3, size, size]} in [−1, 1]; {@code source} names it in errors. */
    public Tensor process(PixelImage rgba, String source) {
        return resize(recenter(rgba, source));
    }

    /** Steps 2–3 of spec §4.1: a recentred RGB image → INTER_CUBIC to {@code size × size} → {@code [3, size, size]}. */
    public Tensor resize(PixelImage recentered) {
        return toTensor(PixelResize.cubic(recentered, size, size));
    }

    /**
     * Upstream's {@code recenter} (spec §4.1 step 1) → an RGB image of side {@code max(H, W)}: the alpha bounding box
     * (rows {@code [r0, r1)}, columns {@code [c0, c1)} with r1, c1 the last non-zero indices, so the box's last row and
     * column are dropped as upstream drops them) is resized with INTER_AREA so that its longer side is
     * {@code int(S·(1 − border_ratio))}, centred on a transparent canvas, and composited over white in float32,
     * truncated to 8 bits.
     */
    public PixelImage recenter(PixelImage rgba, String source) {
        if (rgba.channels() != 4) {
            throw new IllegalArgumentException(source + ": expected an RGBA image, got " + rgba.channels() + " channels");
        }
        int h = rgba.height(), w = rgba.width();
        int r0 = h, r1 = -1, c0 = w, c1 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (rgba.get(y, x, 3) != 0) {
                    r0 = Math.min(r0, y);
                    r1 = Math.max(r1, y);
                    c0 = Math.min(c0, x);
                    c1 = Math.max(c1, x);
                }
            }
        }
        if (r1 < 0) throw new IllegalArgumentException(source + ": the alpha channel is 0 everywhere (no object to recentre)");
        int bh = r1 - r0, bw = c1 - c0;
        if (bh == 0 || bw == 0) {
            throw new IllegalArgumentException(source + ": the alpha mask's bounding box is a single row or column ("
                    + (bh + 1) + "×" + (bw + 1) + " pixels); upstream rejects it as an empty image");
        }
        int side = Math.max(h, w);
        int desired = (int) (side * (1 - borderRatio));
        double scale = (double) desired / Math.max(bh, bw);
        int h2 = (int) (bh * scale), w2 = (int) (bw * scale);
        if (h2 == 0 || w2 == 0) {
            throw new IllegalArgumentException(source + ": the object (" + bh + "×" + bw + " pixels) would be resized to "
                    + h2 + "×" + w2 + " pixels");
        }
        PixelImage canvas = PixelImage.blank(side, side, 4);
        canvas.paste(PixelResize.area(rgba.crop(r0, r1, c0, c1), h2, w2), (side - h2) / 2, (side - w2) / 2);
        PixelImage rgb = PixelImage.blank(side, side, 3);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                float a = canvas.get(y, x, 3) / 255f;
                for (int c = 0; c < 3; c++) {
                    float v = canvas.get(y, x, c) * a + 255f * (1f - a);
                    rgb.set(y, x, c, (int) Math.max(0f, Math.min(255f, v)));
                }
            }
        }
        return rgb;
    }

    /** Upstream's {@code array_to_tensor}: {@code [H, W, 3]} pixels → {@code [3, H, W]} = {@code p/255·2 − 1} in float32. */
    public static Tensor toTensor(PixelImage rgb) {
        int h = rgb.height(), w = rgb.width(), c = rgb.channels();
        Tensor t = Tensor.zeros(c, h, w);
        float[] d = t.data();
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) d[(ch * h + y) * w + x] = rgb.get(y, x, ch) / 255f * 2f - 1f;
            }
        }
        return t;
    }

    /**
     * Reads {@code file} as 8-bit RGBA. Images without an alpha channel are rejected: the alpha channel is the object
     * mask the preprocessing recentres on. 16-bit samples are rounded to 8 bits; grey+alpha is widened to RGBA.
     */
    public static PixelImage readRgba(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such image file");
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot decode the image (" + e.getMessage() + ")", e);
        }
        if (img == null) throw new IOException(file + ": not an image format javax.imageio can read (use PNG)");
        if (!img.getColorModel().hasAlpha()) {
            throw new IOException(file + ": the image has no alpha channel (" + img.getColorModel().getNumComponents()
                    + " channels). The object must be masked by alpha; this project does not remove backgrounds. "
                    + "Save the image as an RGBA PNG whose background is transparent, e.g. with rembg "
                    + "(`rembg i in.jpg out.png`) or an image editor (add an alpha channel, erase the background).");
        }
        int h = img.getHeight(), w = img.getWidth();
        PixelImage out = PixelImage.blank(h, w, 4);
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        if (img.getColorModel() instanceof ComponentColorModel && (bands == 4 || bands == 2)) {
            int bits = img.getColorModel().getComponentSize(0);
            int max = (1 << bits) - 1;
            int[] px = new int[bands];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    for (int c = 0; c < 4; c++) {
                        int v = bands == 4 ? px[c] : px[c == 3 ? 1 : 0];
                        out.set(y, x, c, bits == 8 ? v : (int) ((v * 255L + max / 2) / max));
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = img.getRGB(x, y);
                    out.set(y, x, 0, (argb >> 16) & 0xFF);
                    out.set(y, x, 1, (argb >> 8) & 0xFF);
                    out.set(y, x, 2, argb & 0xFF);
                    out.set(y, x, 3, (argb >>> 24) & 0xFF);
                }
            }
        }
        return out;
    }
}
