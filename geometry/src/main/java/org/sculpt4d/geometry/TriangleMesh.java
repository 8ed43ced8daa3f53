package org.sculpt4d.geometry;

import java.util.Arrays;

/**
 * An indexed triangle mesh: {@code positions} V×3 floats (x, y, z per vertex), {@code faces} F×3 vertex ids wound
 * counter-clockwise seen from outside, and optional per-vertex attributes: {@code normals} V×3, {@code uvs} V×2,
 * {@code colors} V×3 (RGB in [0, 1]). Absent attributes are null.
 *
 * <p>Every mesh is valid by construction: array lengths agree, face indices are in range and coordinates are
 * finite; otherwise the constructor throws {@link IllegalArgumentException} saying which entry is wrong. The arrays
 * are not copied; treat them as read-only (the {@code with*} methods share the unchanged ones).
 */
public final class TriangleMesh {
    private final float[] positions;
    private final int[] faces;
    private final float[] normals;
    private final float[] uvs;
    private final float[] colors;

    public TriangleMesh(float[] positions, int[] faces) {
        this(positions, faces, null, null, null);
    }

    public TriangleMesh(float[] positions, int[] faces, float[] normals, float[] uvs, float[] colors) {
        if (positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions hold " + positions.length + " floats, not a multiple of 3");
        }
        if (faces.length % 3 != 0) {
            throw new IllegalArgumentException("faces hold " + faces.length + " indices, not a multiple of 3");
        }
        int v = positions.length / 3;
        for (int i = 0; i < positions.length; i++) {
            if (!Float.isFinite(positions[i])) {
                throw new IllegalArgumentException("vertex " + i / 3 + " has a non-finite coordinate " + positions[i]);
            }
        }
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] < 0 || faces[i] >= v) {
                throw new IllegalArgumentException("face " + i / 3 + " refers to vertex " + faces[i] + " of " + v);
            }
        }
        requireAttribute("normals", normals, 3, v);
        requireAttribute("uvs", uvs, 2, v);
        requireAttribute("colors", colors, 3, v);
        this.positions = positions;
        this.faces = faces;
        this.normals = normals;
        this.uvs = uvs;
        this.colors = colors;
    }

    private static void requireAttribute(String name, float[] a, int width, int vertices) {
        if (a != null && a.length != width * vertices) {
            throw new IllegalArgumentException(name + " hold " + a.length + " floats, expected " + width + " per vertex × "
                    + vertices + " vertices");
        }
    }

    public float[] positions() {
        return positions;
    }

    public int[] faces() {
        return faces;
    }

    /** Per-vertex normals V×3, or null. */
    public float[] normals() {
        return normals;
    }

    /** Per-vertex texture coordinates V×2, or null. */
    public float[] uvs() {
        return uvs;
    }

    /** Per-vertex RGB colours V×3 in [0, 1], or null. */
    public float[] colors() {
        return colors;
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int faceCount() {
        return faces.length / 3;
    }

    public TriangleMesh withPositions(float[] newPositions) {
        return new TriangleMesh(newPositions, faces, normals, uvs, colors);
    }

    public TriangleMesh withNormals(float[] newNormals) {
        return new TriangleMesh(positions, faces, newNormals, uvs, colors);
    }

    public TriangleMesh withUvs(float[] newUvs) {
        return new TriangleMesh(positions, faces, normals, newUvs, colors);
    }

    public TriangleMesh withColors(float[] newColors) {
        return new TriangleMesh(positions, faces, normals, uvs, newColors);
    }

    /** Whether {@code other} has the same faces (same vertex count and identical index arrays). */
    public boolean sameTopology(TriangleMesh other) {
        return vertexCount() == other.vertexCount() && Arrays.equals(faces, other.faces);
    }

    @Override
    public String toString() {
        return "TriangleMesh[" + vertexCount() + " vertices, " + faceCount() + " faces"
                + (normals != null ? ", normals" : "") + (uvs != null ? ", uvs" : "") + (colors != null ? ", colors" : "")
                + "]";
    }
}
