package org.sculpt4d.geometry.io;

import java.util.Arrays;

/** A growable float array for readers that do not know their sizes in advance. */
final class FloatList {
    private float[] a = new float[64];
    private int n;

    void add(float x) {
        if (n == a.length) a = Arrays.copyOf(a, 2 * n);
        a[n++] = x;
    }

    float get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    float[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
