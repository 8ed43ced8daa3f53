package org.sculpt4d.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TensorTest {

    static Tensor iota(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = i;
        return t;
    }

    @Test
    void viewsShareStorage() {
        Tensor x = iota(4, 3, 2);
        Tensor frame = x.select(2);
        assertSame(x.data(), frame.data());
        assertArrayEquals(new int[] {3, 2}, frame.shape());
        assertEquals(12f, frame.get(0, 0));
        frame.set(-1f, 1, 1);
        assertEquals(-1f, x.get(2, 1, 1));
        Tensor range = x.slice(1, 3);
        assertEquals(6f, range.get(0, 0, 0));
        assertArrayEquals(new int[] {2, 3, 2}, range.shape());
        assertSame(x.data(), x.reshape(12, -1).data());
    }

    @Property(tries = 50)
    void narrowEqualsElementwiseSelection(@ForAll @IntRange(min = 1, max = 5) int a, @ForAll @IntRange(min = 1, max = 5) int b,
                                          @ForAll @IntRange(min = 1, max = 5) int c, @ForAll @IntRange(min = 0, max = 2) int axis,
                                          @ForAll @IntRange(min = 0, max = 4) int start) {
        Tensor x = iota(a, b, c);
        int[] s = x.shape();
        int st = Math.min(start, s[axis] - 1), len = s[axis] - st;
        Tensor n = x.narrow(axis, st, len);
        for (int i = 0; i < n.dim(0); i++) {
            for (int j = 0; j < n.dim(1); j++) {
                for (int l = 0; l < n.dim(2); l++) {
                    int[] src = {i, j, l};
                    src[axis] += st;
                    assertEquals(x.get(src), n.get(i, j, l), 0f);
                }
            }
        }
    }

    @Test
    void reshapeInfersOneDimensionAndRejectsMismatch() {
        Tensor x = iota(2, 6);
        assertArrayEquals(new int[] {3, 4}, x.reshape(3, -1).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.reshape(5, -1));
        assertTrue(e.getMessage().contains("[2, 6]"));
        assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> x.slice(1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
    }

    @Test
    void requireShapeNamesWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).requireShape("points", -1, 4));
        assertEquals("points: expected shape [*, 4] but got [2, 3]", e.getMessage());
    }

    @Test
    void rowsAndColsReadTheTensorAsAMatrix() {
        Tensor x = Tensor.zeros(2, 3, 5);
        assertEquals(6, x.rows());
        assertEquals(5, x.cols());
        assertEquals(0, Tensor.zeros(0, 4).rows());
    }
}
