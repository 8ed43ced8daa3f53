package org.sculpt4d.tensor;

import java.util.Arrays;

/**
 * A float32 tensor: a contiguous row-major window {@code [offset, offset + size)} of a flat {@code float[]}.
 *
 * <p>Views share the array: {@link #reshape}, {@link #slice} (a token range or a run of frames along axis 0) and
 * {@link #select} (one frame, one batch element) cost nothing. Anything that is not contiguous (one attention head
 * out of {@code [N, H·D]}, a column range) is either addressed by the kernels through strides or copied with
 * {@link #narrow}. There are no hidden strides: {@code data()[offset() + flatIndex]} is always the element.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    private Tensor(float[] data, int offset, int[] shape) {
        this.shape = shape.clone();
        this.size = checkedSize(this.shape);
        if (offset < 0 || (long) offset + size > data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " at offset " + offset
                    + " does not fit in an array of " + data.length + " floats");
        }
        this.data = data;
        this.offset = offset;
    }

    /** A new zero tensor. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[checkedSize(shape)], 0, shape);
    }

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}; the sizes must agree exactly. */
    public static Tensor wrap(float[] data, int... shape) {
        if (checkedSize(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + checkedSize(shape)
                    + " elements but the array has " + data.length);
        }
        return new Tensor(data, 0, shape);
    }

    /** A view of {@code shape} over {@code data} starting at {@code offset}. */
    public static Tensor view(float[] data, int offset, int... shape) {
        return new Tensor(data, offset, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    public int rank() {
        return shape.length;
    }

    /** Size of {@code axis}; negative axes count from the end, as in PyTorch. */
    public int dim(int axis) {
        return shape[axis(axis)];
    }

    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Product of all dimensions but the last: the number of rows when the tensor is read as a matrix. */
    public int rows() {
        int rows = 1;
        for (int i = 0; i < shape.length - 1; i++) rows *= shape[i];
        return rows;
    }

    /** Size of the last axis (1 for a scalar). */
    public int cols() {
        return shape.length == 0 ? 1 : shape[shape.length - 1];
    }

    /** Resolves a possibly negative axis, with a clear error when it is out of range. */
    public int axis(int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + Arrays.toString(shape));
        }
        return a;
    }

    /** A view with another shape of the same size; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("more than one -1 in " + Arrays.toString(newShape));
                infer = i;
            } else {
                if (s[i] < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(newShape));
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = (int) (size / known);
        }
        if (checkedSize(s) != size) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + size + " elements) to "
                    + Arrays.toString(newShape));
        }
        return new Tensor(data, offset, s);
    }

    /** A view of indices {@code [start, end)} along axis 0 (a token range, a run of frames). */
    public Tensor slice(int start, int end) {
        if (shape.length == 0) throw new IllegalArgumentException("cannot slice a scalar");
        if (start < 0 || end > shape[0] || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") out of range for axis 0 of "
                    + Arrays.toString(shape));
        }
        int[] s = shape.clone();
        s[0] = end - start;
        return new Tensor(data, offset + start * stride0(), s);
    }

    /** A view of element {@code index} of axis 0, with that axis dropped (one frame, one batch element). */
    public Tensor select(int index) {
        if (shape.length == 0) throw new IllegalArgumentException("cannot select from a scalar");
        if (index < 0 || index >= shape[0]) {
            throw new IllegalArgumentException("index " + index + " out of range for axis 0 of " + Arrays.toString(shape));
        }
        return new Tensor(data, offset + index * stride0(), Arrays.copyOfRange(shape, 1, shape.length));
    }

    /**
     * Indices {@code [start, start + length)} along {@code axis}: a view when that range is contiguous (every axis
     * before {@code axis} has size 1, or {@code axis} is 0), otherwise a copy.
     */
    public Tensor narrow(int axis, int start, int length) {
        int a = axis(axis);
        if (start < 0 || length < 0 || start + length > shape[a]) {
            throw new IllegalArgumentException("narrow [" + start + ", " + (start + length) + ") out of range for axis "
                    + axis + " of " + Arrays.toString(shape));
        }
        int outer = 1;
        for (int i = 0; i < a; i++) outer *= shape[i];
        int inner = 1;
        for (int i = a + 1; i < shape.length; i++) inner *= shape[i];
        int[] s = shape.clone();
        s[a] = length;
        if (outer == 1) return new Tensor(data, offset + start * inner, s);
        Tensor out = zeros(s);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(data, offset + (o * shape[a] + start) * inner, out.data, o * length * inner, length * inner);
        }
        return out;
    }

    /** The element at a full index. */
    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at a full index. */
    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** A fresh contiguous copy that shares nothing with this tensor. */
    public Tensor copy() {
        return new Tensor(toArray(), 0, shape);
    }

    /** The elements, copied, in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    /** Copies {@code src} (same size) into this tensor. */
    public Tensor copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("cannot copy " + Arrays.toString(src.shape) + " into " + Arrays.toString(shape));
        }
        System.arraycopy(src.data, src.offset, data, offset, size);
        return this;
    }

    /** True when both have the same shape. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Throws a clear error unless this tensor has exactly {@code expected} (-1 matches any size). */
    public Tensor requireShape(String what, int... expected) {
        boolean ok = expected.length == shape.length;
        for (int i = 0; ok && i < expected.length; i++) ok = expected[i] < 0 || expected[i] == shape[i];
        if (!ok) {
            throw new IllegalArgumentException(what + ": expected shape " + Arrays.toString(expected).replace("-1", "*")
                    + " but got " + Arrays.toString(shape));
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Arrays.toString(shape)).append(' ');
        int n = Math.min(size, 8);
        sb.append('[');
        for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
        return sb.append(size > n ? ", ...]" : "]").toString();
    }

    private int stride0() {
        return shape[0] == 0 ? 0 : size / shape[0];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index of rank " + index.length + " for shape " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of range for "
                        + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    static int checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " exceeds 2^31 elements");
            }
        }
        return (int) n;
    }
}
