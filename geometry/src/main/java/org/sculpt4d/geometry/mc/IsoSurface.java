package org.sculpt4d.geometry.mc;

import org.sculpt4d.geometry.UnionFind;

import java.util.Arrays;

/**
 * An indexed triangle mesh as produced by {@link MarchingCubes}: {@code vertices} holds V×3 floats (x, y, z per
 * vertex), {@code faces} F×3 vertex ids, wound counter-clockwise seen from the side the normal points to. It also
 * answers the checks used on extracted surfaces: area, signed volume, Euler characteristic, boundary, non-manifold and
 * repeated directed edges, components.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 */
public final class IsoSurface {
    private final float[] vertices;
    private final int[] faces;
    private final int centreVertexCount;
    private EdgeCounts edgeCounts;

    /**
     * @param vertices V×3 coordinates
     * @param faces F×3 vertex ids
     * @param centreVertexCount how many vertices (the last ones) lie inside a cell rather than on a grid edge
     */
    public IsoSurface(float[] vertices, int[] faces, int centreVertexCount) {
        if (vertices.length % 3 != 0 || faces.length % 3 != 0) {
            throw new IllegalArgumentException("vertex and face arrays must hold multiples of 3 entries");
        }
        this.vertices = vertices;
        this.faces = faces;
        this.centreVertexCount = centreVertexCount;
    }

    public float[] vertices() {
        return vertices;
    }

    public int[] faces() {
        return faces;
    }

    public int vertexCount() {
        return vertices.length / 3;
    }

    public int faceCount() {
        return faces.length / 3;
    }

    /** Vertices placed at a cell centre (Lewiner's "c12") rather than on a grid edge; they are the last ones. */
    public int centreVertexCount() {
        return centreVertexCount;
    }

    public boolean isEmpty() {
        return faces.length == 0;
    }

    /** The same surface with every triangle reversed ({@code (a, b, c) → (c, b, a)}). */
    public IsoSurface flipped() {
        int[] f = faces.clone();
        for (int i = 0; i < f.length; i += 3) {
            int t = f[i];
            f[i] = f[i + 2];
            f[i + 2] = t;
        }
        return new IsoSurface(vertices, f, centreVertexCount);
    }

    /** Total triangle area, in double precision. */
    public double area() {
        double sum = 0;
        for (int i = 0; i < faces.length; i += 3) {
            double[] n = cross(i);
            sum += Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        }
        return sum / 2;
    }

    /**
     * Signed enclosed volume {@code Σ v0 · (v1 × v2) / 6}: positive when a closed surface is wound outward.
     */
    public double signedVolume() {
        double sum = 0;
        for (int i = 0; i < faces.length; i += 3) {
            int a = 3 * faces[i];
            int b = 3 * faces[i + 1];
            int c = 3 * faces[i + 2];
            double ax = vertices[a], ay = vertices[a + 1], az = vertices[a + 2];
            double bx = vertices[b], by = vertices[b + 1], bz = vertices[b + 2];
            double cx = vertices[c], cy = vertices[c + 1], cz = vertices[c + 2];
            sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
        }
        return sum / 6;
    }

    /** Faces with a repeated vertex id or zero area. */
    public int degenerateFaceCount() {
        int n = 0;
        for (int i = 0; i < faces.length; i += 3) {
            double[] c = cross(i);
            if (faces[i] == faces[i + 1] || faces[i + 1] == faces[i + 2] || faces[i] == faces[i + 2]
                    || (c[0] == 0 && c[1] == 0 && c[2] == 0)) {
                n++;
            }
        }
        return n;
    }

    /** V − E + F, with E the number of distinct undirected edges. */
    public int eulerCharacteristic() {
        return vertexCount() - edges().undirected + faceCount();
    }

    /** Number of distinct undirected edges. */
    public int edgeCount() {
        return edges().undirected;
    }

    /** Edges used by exactly one face (0 for a closed surface). */
    public int boundaryEdgeCount() {
        return edges().boundary;
    }

    /** Edges used by three or more faces. */
    public int nonManifoldEdgeCount() {
        return edges().nonManifold;
    }

    /**
     * Directed edges used more than once (each extra use counts): 0 when neighbouring faces are wound consistently
     * on an edge-manifold surface.
     */
    public int repeatedDirectedEdgeCount() {
        return edges().repeatedDirected;
    }

    /** True when every edge is shared by exactly two faces and no directed edge repeats. */
    public boolean isClosedManifold() {
        EdgeCounts e = edges();
        return e.boundary == 0 && e.nonManifold == 0 && e.repeatedDirected == 0;
    }

    /** Connected components of faces (sharing a vertex). */
    public int componentCount() {
        UnionFind parent = new UnionFind(vertexCount());
        for (int i = 0; i < faces.length; i += 3) {
            parent.union(faces[i], faces[i + 1]);
            parent.union(faces[i], faces[i + 2]);
        }
        boolean[] used = new boolean[vertexCount()];
        for (int f : faces) {
            used[f] = true;
        }
        int n = 0;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && parent.find(i) == i) {
                n++;
            }
        }
        return n;
    }

    private double[] cross(int i) {
        int a = 3 * faces[i];
        int b = 3 * faces[i + 1];
        int c = 3 * faces[i + 2];
        double ux = vertices[b] - (double) vertices[a];
        double uy = vertices[b + 1] - (double) vertices[a + 1];
        double uz = vertices[b + 2] - (double) vertices[a + 2];
        double vx = vertices[c] - (double) vertices[a];
        double vy = vertices[c + 1] - (double) vertices[a + 1];
        double vz = vertices[c + 2] - (double) vertices[a + 2];
        return new double[] {uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx};
    }


    private EdgeCounts edges() {
        EdgeCounts e = edgeCounts;
        if (e == null) {
            e = new EdgeCounts(faces);
            edgeCounts = e;
        }
        return e;
    }

    private static final class EdgeCounts {
        final int undirected;
        final int boundary;
        final int nonManifold;
        final int repeatedDirected;

        EdgeCounts(int[] faces) {
            long[] directed = new long[faces.length];
            long[] undirectedKeys = new long[faces.length];
            for (int i = 0; i < faces.length; i += 3) {
                for (int s = 0; s < 3; s++) {
                    long a = faces[i + s];
                    long b = faces[i + (s + 1) % 3];
                    directed[i + s] = a << 32 | b;
                    undirectedKeys[i + s] = Math.min(a, b) << 32 | Math.max(a, b);
                }
            }
            Arrays.sort(directed);
            Arrays.sort(undirectedKeys);
            int repeats = 0;
            for (int i = 1; i < directed.length; i++) {
                if (directed[i] == directed[i - 1]) {
                    repeats++;
                }
            }
            int distinct = 0;
            int once = 0;
            int many = 0;
            for (int i = 0; i < undirectedKeys.length; ) {
                int j = i;
                while (j < undirectedKeys.length && undirectedKeys[j] == undirectedKeys[i]) {
                    j++;
                }
                distinct++;
                if (j - i == 1) {
                    once++;
                } else if (j - i > 2) {
                    many++;
                }
                i = j;
            }
            this.undirected = distinct;
            this.boundary = once;
            this.nonManifold = many;
            this.repeatedDirected = repeats;
        }
    }
}
