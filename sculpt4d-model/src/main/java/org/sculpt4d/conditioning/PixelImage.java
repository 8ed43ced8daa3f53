package org.sculpt4d.conditioning;

/**
 * An 8-bit image, row-major with interleaved channels ({@code values[(y·width + x)·channels + c]}, each in 0..255),
 * the layout OpenCV and NumPy use for {@code uint8 [H, W, C]} arrays.
 */
public record PixelImage(int height, int width, int channels, int[] values) {
    public PixelImage {
        if (height <= 0 || width <= 0 || channels <= 0 || (long) height * width * channels != values.length) {
            throw new IllegalArgumentException("pixel image " + height + "×" + width + "×" + channels + " with "
                    + values.length + " values");
        }
    }

    public static PixelImage blank(int height, int width, int channels) {
        return new PixelImage(height, width, channels, new int[height * width * channels]);
    }

    public int get(int y, int x, int c) {
        return values[(y * width + x) * channels + c];
    }

    public void set(int y, int x, int c, int v) {
        values[(y * width + x) * channels + c] = v;
    }

    /** Rows {@code [y0, y1)} and columns {@code [x0, x1)}, copied. */
    public PixelImage crop(int y0, int y1, int x0, int x1) {
        PixelImage out = blank(y1 - y0, x1 - x0, channels);
        int row = (x1 - x0) * channels;
        for (int y = y0; y < y1; y++) {
            System.arraycopy(values, (y * width + x0) * channels, out.values, (y - y0) * row, row);
        }
        return out;
    }

    /** Copies {@code src} into this image with its top-left corner at {@code (y0, x0)}. */
    public void paste(PixelImage src, int y0, int x0) {
        if (src.channels != channels || y0 < 0 || x0 < 0 || y0 + src.height > height || x0 + src.width > width) {
            throw new IllegalArgumentException("cannot paste " + src.height + "×" + src.width + "×" + src.channels
                    + " at (" + y0 + ", " + x0 + ") into " + height + "×" + width + "×" + channels);
        }
        int row = src.width * channels;
        for (int y = 0; y < src.height; y++) {
            System.arraycopy(src.values, y * row, values, ((y0 + y) * width + x0) * channels, row);
        }
    }
}
