package org.sculpt4d.geometry.mc;

/**
 * Vertex ids of the crossing edges around the current cell layer, so that each crossing edge gets exactly one vertex
 * shared by the up to four cells around it: the y- and z-edges of two sample planes (a ring indexed by plane parity)
 * and the x-edges between them, each addressed by the edge's low end {@code j·nz + k}. Entries are written only for
 * crossing edges and read only through the tilings, which reference crossing edges only, so the arrays are never
 * cleared.
 */
final class EdgeVertexCache {
    private final int[][] yEdges;
    private final int[][] zEdges;
    private final int[] xEdges;

    EdgeVertexCache(int ny, int nz) {
        int n = ny * nz;
        yEdges = new int[][] {new int[n], new int[n]};
        zEdges = new int[][] {new int[n], new int[n]};
        xEdges = new int[n];
    }

    /** Ids of the y-edges (j, k)→(j+1, k) of plane x. */
    int[] y(int x) {
        return yEdges[x & 1];
    }

    /** Ids of the z-edges (j, k)→(j, k+1) of plane x. */
    int[] z(int x) {
        return zEdges[x & 1];
    }

    /** Ids of the x-edges of the current layer. */
    int[] x() {
        return xEdges;
    }
}
