package org.sculpt4d.tornado;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Moving data between the {@code float[]} arrays of the CPU side and TornadoVM's off-heap arrays, and the capacity
 * classes that let one compiled kernel serve many shapes: a buffer is allocated at the next power of two, so a
 * handful of graphs cover a whole model.
 */
final class DeviceBuffers {
    private static final int MIN_CAPACITY = 1024;

    private DeviceBuffers() {
    }

    /** The capacity class of n elements: a power of two, at least {@value #MIN_CAPACITY}. */
    static int capacity(long n) {
        if (n > (1 << 30)) throw new IllegalArgumentException("tornado backend: " + n + " elements in one buffer");
        int c = MIN_CAPACITY;
        while (c < n) c <<= 1;
        return c;
    }

    /** Elements spanned by {@code rows} rows of {@code cols} with row stride {@code ld}. */
    static int span(int rows, int cols, int ld) {
        return rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;
    }

    /** Copies {@code count} floats from {@code src[from...]} to the start of {@code dst}. */
    static void upload(float[] src, int from, int count, FloatArray dst) {
        MemorySegment.copy(src, from, dst.getSegment(), ValueLayout.JAVA_FLOAT, 0, count);
    }

    /** Copies {@code rows} rows of {@code cols} (stride {@code ld} on both sides) from {@code src} to {@code dst[at...]}. */
    static void download(FloatArray src, int rows, int cols, int ld, float[] dst, int at) {
        MemorySegment segment = src.getSegment();
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(segment, ValueLayout.JAVA_FLOAT, (long) r * ld * Float.BYTES, dst, at + r * ld, cols);
        }
    }

    /** Copies {@code values} to the start of a device int array (kernel parameters, a mask's tile list). */
    static void set(IntArray p, int... values) {
        for (int i = 0; i < values.length; i++) p.set(i, values[i]);
    }
}
