package org.sculpt4d.geometry.mc;

import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.MeshTopology;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * An indexed triangle mesh as produced by {@link MarchingCubes}: {@code vertices} holds V×3 floats (x, y, z per
 * vertex), {@code faces} F×3 vertex ids, wound counter-clockwise seen from the side the normal points to. It also
 * answers the checks used on extracted surfaces (area, signed volume, Euler characteristic, boundary, non-manifold and
 * repeated directed edges, components) by delegating to {@link MeshMeasures} and {@link MeshTopology} on
 * {@link #toMesh()}.
 *
 * <p>The arrays are shared, not copied: treat them as read-only.
 */
public final class IsoSurface {
    private final float[] vertices;
    private final int[] faces;
    private final int centreVertexCount;
    private TriangleMesh mesh;
    private MeshTopology topology;

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

    /** The surface as a {@link TriangleMesh} sharing these arrays (built once). */
    public TriangleMesh toMesh() {
        TriangleMesh m = mesh;
        if (m == null) {
            m = new TriangleMesh(vertices, faces);
            mesh = m;
        }
        return m;
    }

    /** The edge and component checks of {@link #toMesh()} (computed once). */
    public MeshTopology topology() {
        MeshTopology t = topology;
        if (t == null) {
            t = new MeshTopology(toMesh());
            topology = t;
        }
        return t;
    }

    /** Total triangle area ({@link MeshMeasures#area}). */
    public double area() {
        return MeshMeasures.area(toMesh());
    }

    /** Signed enclosed volume, positive when a closed surface is wound outward ({@link MeshMeasures#signedVolume}). */
    public double signedVolume() {
        return MeshMeasures.signedVolume(toMesh());
    }

    /** Faces with a repeated vertex id or zero area. */
    public int degenerateFaceCount() {
        return MeshMeasures.degenerateFaceCount(toMesh());
    }

    /** {@link MeshTopology#eulerCharacteristic()}. */
    public int eulerCharacteristic() {
        return topology().eulerCharacteristic();
    }

    /** {@link MeshTopology#edgeCount()}. */
    public int edgeCount() {
        return topology().edgeCount();
    }

    /** {@link MeshTopology#boundaryEdgeCount()}. */
    public int boundaryEdgeCount() {
        return topology().boundaryEdgeCount();
    }

    /** {@link MeshTopology#nonManifoldEdgeCount()}. */
    public int nonManifoldEdgeCount() {
        return topology().nonManifoldEdgeCount();
    }

    /** {@link MeshTopology#repeatedDirectedEdgeCount()}. */
    public int repeatedDirectedEdgeCount() {
        return topology().repeatedDirectedEdgeCount();
    }

    /** {@link MeshTopology#isClosedManifold()}. */
    public boolean isClosedManifold() {
        return topology().isClosedManifold();
    }

    /** {@link MeshTopology#componentCount()}. */
    public int componentCount() {
        return topology().componentCount();
    }
}
