package org.sculpt4d.geometry;

import java.util.Arrays;

/**
 * The combinatorial checks of a {@link TriangleMesh}: distinct undirected edges, boundary edges (one face), non-manifold
 * edges (three or more faces), repeated directed edges (inconsistent winding), Euler characteristic, connected
 * components and genus. Computed once from the faces (two sorts of 3F edge keys); positions play no part.
 */
public final class MeshTopology {
    private final int vertexCount;
    private final int faceCount;
    private final int edges;
    private final int boundary;
    private final int nonManifold;
    private final int repeatedDirected;
    private final int components;
    private final int usedVertices;

    public MeshTopology(TriangleMesh mesh) {
        int[] faces = mesh.faces();
        vertexCount = mesh.vertexCount();
        faceCount = mesh.faceCount();
        long[] directed = new long[faces.length];
        long[] undirected = new long[faces.length];
        for (int i = 0; i < faces.length; i += 3) {
            for (int s = 0; s < 3; s++) {
                long a = faces[i + s];
                long b = faces[i + (s + 1) % 3];
                directed[i + s] = a << 32 | b;
                undirected[i + s] = Math.min(a, b) << 32 | Math.max(a, b);
            }
        }
        Arrays.sort(directed);
        Arrays.sort(undirected);
        int repeats = 0;
        for (int i = 1; i < directed.length; i++) {
            if (directed[i] == directed[i - 1]) repeats++;
        }
        int distinct = 0, once = 0, many = 0;
        for (int i = 0; i < undirected.length; ) {
            int j = i;
            while (j < undirected.length && undirected[j] == undirected[i]) j++;
            distinct++;
            if (j - i == 1) {
                once++;
            } else if (j - i > 2) {
                many++;
            }
            i = j;
        }
        edges = distinct;
        boundary = once;
        nonManifold = many;
        repeatedDirected = repeats;
        UnionFind sets = new UnionFind(vertexCount);
        boolean[] used = new boolean[vertexCount];
        for (int i = 0; i < faces.length; i += 3) {
            sets.union(faces[i], faces[i + 1]);
            sets.union(faces[i], faces[i + 2]);
            used[faces[i]] = used[faces[i + 1]] = used[faces[i + 2]] = true;
        }
        int roots = 0, usedCount = 0;
        for (int v = 0; v < vertexCount; v++) {
            if (used[v]) {
                usedCount++;
                if (sets.find(v) == v) roots++;
            }
        }
        components = roots;
        usedVertices = usedCount;
    }

    /** Number of distinct undirected edges. */
    public int edgeCount() {
        return edges;
    }

    /** Edges used by exactly one face (0 for a closed surface). */
    public int boundaryEdgeCount() {
        return boundary;
    }

    /** Edges used by three or more faces. */
    public int nonManifoldEdgeCount() {
        return nonManifold;
    }

    /**
     * Directed edges used more than once (each extra use counts): 0 when neighbouring faces are wound consistently on
     * an edge-manifold surface.
     */
    public int repeatedDirectedEdgeCount() {
        return repeatedDirected;
    }

    /** V − E + F, with V counting every vertex (used or not) and E the distinct undirected edges. */
    public int eulerCharacteristic() {
        return vertexCount - edges + faceCount;
    }

    /** True when every edge is shared by exactly two faces and no directed edge repeats. */
    public boolean isClosedManifold() {
        return boundary == 0 && nonManifold == 0 && repeatedDirected == 0;
    }

    /** Connected components of faces (two faces are connected when they share a vertex). */
    public int componentCount() {
        return components;
    }

    /**
     * Total genus {@code (2C − χ) / 2} of a closed, consistently wound surface, with χ counting only the vertices that
     * faces use (Euler–Poincaré: χ = Σ (2 − 2gᵢ) over the C components).
     *
     * @throws IllegalStateException when the mesh is not a closed manifold, or a pinched vertex makes χ inconsistent
     */
    public int genus() {
        int doubled = 2 * components - (usedVertices - edges + faceCount);
        if (!isClosedManifold() || doubled % 2 != 0 || doubled < 0) {
            throw new IllegalStateException("genus needs a closed manifold surface; " + this);
        }
        return doubled / 2;
    }

    @Override
    public String toString() {
        return "MeshTopology[V=" + vertexCount + ", E=" + edges + ", F=" + faceCount + ", χ=" + eulerCharacteristic()
                + ", components=" + components + ", boundary=" + boundary + ", non-manifold=" + nonManifold
                + ", repeated directed=" + repeatedDirected + "]";
    }
}
