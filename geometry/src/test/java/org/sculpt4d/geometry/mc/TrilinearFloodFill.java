package org.sculpt4d.geometry.mc;

import org.sculpt4d.geometry.UnionFind;

/**
 * Brute-force oracle for the interior test: samples the trilinear interpolant of one cell on an (m+1)³ lattice and
 * labels the connected components (6-neighbourhood) of samples of one class (value &gt; 0, or not). Thin tunnels
 * below the lattice spacing can be missed, so callers compare on generic cells only.
 */
final class TrilinearFloodFill {
    private TrilinearFloodFill() {
    }

    /** Component labels of the 8 corners; equal labels mean same class and connected. */
    static int[] cornerLabels(double[] v, int m) {
        int n = m + 1;
        boolean[] in = new boolean[n * n * n];
        for (int i = 0; i < n; i++) {
            double x = (double) i / m;
            for (int j = 0; j < n; j++) {
                double y = (double) j / m;
                for (int k = 0; k < n; k++) {
                    double z = (double) k / m;
                    double f = 0;
                    for (int c = 0; c < 8; c++) {
                        f += v[c] * ((c & 4) != 0 ? x : 1 - x) * ((c & 2) != 0 ? y : 1 - y) * ((c & 1) != 0 ? z : 1 - z);
                    }
                    // at the corners use the exact values (the product form rounds)
                    if ((i == 0 || i == m) && (j == 0 || j == m) && (k == 0 || k == m)) {
                        f = v[(i == m ? 4 : 0) | (j == m ? 2 : 0) | (k == m ? 1 : 0)];
                    }
                    in[(i * n + j) * n + k] = f > 0;
                }
            }
        }
        UnionFind parent = new UnionFind(in.length);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int p = (i * n + j) * n + k;
                    if (i + 1 < n && in[p] == in[p + n * n]) {
                        parent.union(p, p + n * n);
                    }
                    if (j + 1 < n && in[p] == in[p + n]) {
                        parent.union(p, p + n);
                    }
                    if (k + 1 < n && in[p] == in[p + 1]) {
                        parent.union(p, p + 1);
                    }
                }
            }
        }
        int[] label = new int[8];
        for (int c = 0; c < 8; c++) {
            int i = (c & 4) != 0 ? m : 0;
            int j = (c & 2) != 0 ? m : 0;
            int k = (c & 1) != 0 ? m : 0;
            label[c] = parent.find((i * n + j) * n + k);
        }
        return label;
    }

    /** True when two labelings induce the same partition of the corners. */
    static boolean samePartition(int[] a, int[] b) {
        for (int c = 0; c < 8; c++) {
            for (int d = c + 1; d < 8; d++) {
                if ((a[c] == a[d]) != (b[c] == b[d])) {
                    return false;
                }
            }
        }
        return true;
    }

}
