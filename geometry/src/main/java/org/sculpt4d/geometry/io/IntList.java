package org.sculpt4d.geometry.io;

import java.util.Arrays;

/** A growable int array for readers that do not know their sizes in advance. */
final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int x) {
        if (n == a.length) a = Arrays.copyOf(a, 2 * n);
        a[n++] = x;
    }

    int get(int i) {
        return a[i];
    }

    int size() {
        return n;
    }

    int[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
