package org.sculpt4d.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import org.sculpt4d.tensor.Tensor;

/**
 * One tensor of a checkpoint file: its dtype and shape are known up front, its data is read only when asked for
 * (from a memory-mapped window of the file). Floating-point data is widened to a float32 {@link Tensor}; integer
 * and boolean data comes back as Java arrays.
 */
public final class StoredTensor {
    /** Reads the elements as contiguous, row-major, little-endian bytes. */
    @FunctionalInterface
    interface ByteReader {
        ByteBuffer read() throws IOException;
    }

    private final String source;
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final long numel;
    private final ByteReader reader;

    StoredTensor(String source, String name, DType dtype, int[] shape, ByteReader reader) {
        this.source = source;
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) n = Math.multiplyExact(n, d);
        this.numel = n;
        this.reader = reader;
    }

    /** An F32 tensor holding (a copy of) {@code t}, e.g. to write it with {@link SafeTensorsWriter}. */
    public static StoredTensor of(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.data(), t.offset(), t.size());
        return inMemory(DType.F32, t.shape(), b);
    }

    /** An I64 tensor of {@code shape} holding {@code values} (row-major). */
    public static StoredTensor ofLongs(long[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return checkedInMemory(DType.I64, shape, b);
    }

    /** A tensor of any dtype from its row-major little-endian bytes (copied). */
    public static StoredTensor ofBytes(DType dtype, int[] shape, byte[] littleEndian) {
        return checkedInMemory(dtype, shape, ByteBuffer.wrap(littleEndian.clone()));
    }

    private static StoredTensor checkedInMemory(DType dtype, int[] shape, ByteBuffer b) {
        StoredTensor t = inMemory(dtype, shape, b);
        if (t.byteSize() != b.capacity()) {
            throw new IllegalArgumentException(dtype + " " + Arrays.toString(shape) + " needs " + t.byteSize()
                    + " bytes, got " + b.capacity());
        }
        return t;
    }

    private static StoredTensor inMemory(DType dtype, int[] shape, ByteBuffer b) {
        ByteBuffer ro = b.asReadOnlyBuffer();
        return new StoredTensor("memory", "tensor", dtype, shape, () -> ro.duplicate().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The same tensor, called {@code newName} in error messages. */
    StoredTensor named(String newName) {
        return new StoredTensor(source, newName, dtype, shape, reader);
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long numel() {
        return numel;
    }

    /** Size of the data in bytes. */
    public long byteSize() {
        return numel * dtype.size();
    }

    /**
     * The elements as contiguous row-major little-endian bytes, {@link DType#size()} per element: a read-only
     * buffer, often a memory-mapped window of the file, positioned at 0 with {@link #byteSize()} remaining.
     */
    public ByteBuffer bytes() throws IOException {
        if (byteSize() > Integer.MAX_VALUE - 8) {
            throw problem(byteSize() + " bytes; at most 2 GiB per tensor is supported");
        }
        try {
            return reader.read().order(ByteOrder.LITTLE_ENDIAN);
        } catch (ClosedChannelException e) {
            throw problem("read after its file was closed");
        }
    }

    /**
     * The data as float32: F32 as is, F16 and BF16 widened exactly ({@link HalfFloat}), F64 rounded to nearest.
     * Integer and boolean tensors are refused (use {@link #toLongs()}).
     */
    public Tensor toFloat() throws IOException {
        if (!dtype.isFloatingPoint()) throw problem("not floating point; read it with toLongs()");
        int n = elementCount();
        ByteBuffer b = bytes();
        float[] out = new float[n];
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) out[i] = (float) b.getDouble(8 * i);
            }
            case F16, BF16 -> {
                ShortBuffer in = b.asShortBuffer();
                short[] bits = new short[Math.min(n, 1 << 14)];
                for (int start = 0; start < n; start += bits.length) {
                    int len = Math.min(bits.length, n - start);
                    in.get(bits, 0, len);
                    if (dtype == DType.F16) for (int i = 0; i < len; i++) out[start + i] = HalfFloat.toFloat(bits[i]);
                    else for (int i = 0; i < len; i++) out[start + i] = HalfFloat.bfloat16ToFloat(bits[i]);
                }
            }
            default -> throw new AssertionError(dtype);
        }
        return Tensor.wrap(out, shape);
    }

    /** The data of an integer (signed I64/I32/I16/I8, unsigned U8) or BOOL (0/1) tensor as longs. */
    public long[] toLongs() throws IOException {
        if (dtype.isFloatingPoint()) throw problem("not an integer tensor; read it with toFloat()");
        int n = elementCount();
        ByteBuffer b = bytes();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong(8 * i);
                case I32 -> b.getInt(4 * i);
                case I16 -> b.getShort(2 * i);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xFF;
                default -> throw new AssertionError(dtype);
            };
        }
        return out;
    }

    /** {@link #toLongs()} narrowed to int (indices), refusing any value outside the int range. */
    public int[] toInts() throws IOException {
        long[] l = toLongs();
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) throw problem("element " + i + " = " + l[i] + " does not fit in an int");
            out[i] = (int) l[i];
        }
        return out;
    }

    /** The data of a BOOL tensor (any non-zero byte is true, as in PyTorch). */
    public boolean[] toBooleans() throws IOException {
        if (dtype != DType.BOOL) throw problem("not BOOL");
        int n = elementCount();
        ByteBuffer b = bytes();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) out[i] = b.get(i) != 0;
        return out;
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }

    private int elementCount() throws CheckpointFormatException {
        if (numel > Integer.MAX_VALUE - 8) throw problem(numel + " elements; at most 2^31 fit in one array");
        return (int) numel;
    }

    CheckpointFormatException problem(String what) {
        return new CheckpointFormatException(source, "tensor " + name + " " + dtype + " " + Arrays.toString(shape)
                + ": " + what);
    }
}
