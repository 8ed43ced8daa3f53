package org.sculpt4d.geometry.sampling;

import java.util.Arrays;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * Points on a mesh's surface, each given by a face index and barycentric weights for that face's three corners (in
 * the face's corner order), with the position and normal they evaluate to. Because a sample is tied to the surface and
 * not to space, {@link #evaluateOn} moves it with any deformation of the mesh that keeps its faces (the consistent
 * sampling of spec sculpt4d-method.md §4: sample frame 0, evaluate on every frame).
 *
 * <p>Normals are either the unit normal of the sample's face (uniform samples) or the barycentric blend
 * {@code Σ wₖ nₖ} of the corners' vertex normals, not re-normalised (sharp-edge samples, as Hunyuan3D's
 * {@code w·n_a + (1−w)·n_b}, spec hunyuan3d21-shape.md §2.3). Vertex normals are the angle-weighted normals of
 * {@link MeshMeasures#vertexNormals} over a given connectivity (the faces with split copies of a vertex welded).
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 */
public final class SurfaceSamples {
    /** Largest |Σ wₖ − 1| accepted: a few ulps of double rounding in the samplers' weight formulas. */
    static final double WEIGHT_SUM_TOLERANCE = 1e-12;

    private final TriangleMesh mesh;
    private final int[] faces;
    private final double[] weights;
    private final int[] normalConnectivity;
    private final float[] positions;
    private final float[] normals;

    private SurfaceSamples(TriangleMesh mesh, int[] faces, double[] weights, int[] normalConnectivity) {
        if (weights.length != 3 * faces.length) {
            throw new IllegalArgumentException(faces.length + " samples need " + 3 * faces.length + " weights, got "
                    + weights.length);
        }
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] < 0 || faces[i] >= mesh.faceCount()) {
                throw new IllegalArgumentException("sample " + i + " is on face " + faces[i] + " of " + mesh.faceCount());
            }
            double a = weights[3 * i], b = weights[3 * i + 1], c = weights[3 * i + 2];
            if (!(a >= 0 && a <= 1 && b >= 0 && b <= 1 && c >= 0 && c <= 1)
                    || Math.abs(a + b + c - 1) > WEIGHT_SUM_TOLERANCE) {
                throw new IllegalArgumentException("sample " + i + " has weights " + a + ", " + b + ", " + c
                        + " (each in [0, 1], summing to 1)");
            }
        }
        if (normalConnectivity != null && normalConnectivity.length != mesh.faces().length) {
            throw new IllegalArgumentException("normal connectivity has " + normalConnectivity.length
                    + " corners for " + mesh.faceCount() + " faces");
        }
        this.mesh = mesh;
        this.faces = faces;
        this.weights = weights;
        this.normalConnectivity = normalConnectivity;
        this.positions = new float[3 * faces.length];
        this.normals = new float[3 * faces.length];
        evaluate();
    }

    /** Samples whose normals are their faces' unit normals. */
    public static SurfaceSamples withFaceNormals(TriangleMesh mesh, int[] faces, double[] weights) {
        return new SurfaceSamples(mesh, faces, weights, null);
    }

    /**
     * Samples whose normals blend the vertex normals of {@code connectivity}: F×3 vertex ids, one per face corner of
     * {@code mesh} (its own faces, or the faces with split copies welded, {@link org.sculpt4d.geometry.VertexWeld}).
     */
    public static SurfaceSamples withVertexNormals(TriangleMesh mesh, int[] faces, double[] weights,
            int[] connectivity) {
        return new SurfaceSamples(mesh, faces, weights, connectivity);
    }

    private void evaluate() {
        float[] p = mesh.positions();
        int[] corners = mesh.faces();
        double[] faceNormals = normalConnectivity == null ? MeshMeasures.faceNormals(mesh) : null;
        double[] vertexNormals = normalConnectivity == null ? null
                : MeshMeasures.vertexNormals(new TriangleMesh(p, normalConnectivity));
        for (int i = 0; i < faces.length; i++) {
            int f = faces[i];
            for (int k = 0; k < 3; k++) {
                double x = 0, n = 0;
                for (int c = 0; c < 3; c++) {
                    double w = weights[3 * i + c];
                    x += w * p[3 * corners[3 * f + c] + k];
                    if (vertexNormals != null) n += w * vertexNormals[3 * normalConnectivity[3 * f + c] + k];
                }
                positions[3 * i + k] = (float) x;
                normals[3 * i + k] = (float) (faceNormals != null ? faceNormals[3 * f + k] : n);
            }
        }
    }

    /**
     * These samples with sample {@code indices[i]} replaced by sample {@code i} of {@code with}, which must lie on the
     * same mesh and blend normals by the same rule (both face normals, or both the same vertex connectivity): how
     * rejected points are redrawn without touching the others.
     */
    public SurfaceSamples replacing(int[] indices, SurfaceSamples with) {
        if (with.mesh != mesh || !Arrays.equals(with.normalConnectivity, normalConnectivity)) {
            throw new IllegalArgumentException("replacement samples lie on another mesh or use another normal rule");
        }
        if (with.size() != indices.length) {
            throw new IllegalArgumentException(indices.length + " samples to replace but " + with.size() + " replacements");
        }
        int[] f = faces.clone();
        double[] w = weights.clone();
        for (int i = 0; i < indices.length; i++) {
            f[indices[i]] = with.faces[i];
            System.arraycopy(with.weights, 3 * i, w, 3 * indices[i], 3);
        }
        return new SurfaceSamples(mesh, f, w, normalConnectivity);
    }

    /**
     * The same samples (faces and weights) evaluated on {@code deformed}, which must have this mesh's faces and vertex
     * count: positions {@code Σ wₖ vₖ} on the deformed corners, normals by the same rule on the deformed geometry.
     */
    public SurfaceSamples evaluateOn(TriangleMesh deformed) {
        if (!mesh.sameTopology(deformed)) {
            throw new IllegalArgumentException("samples of " + mesh + " cannot be evaluated on " + deformed
                    + ": faces or vertex count differ");
        }
        return new SurfaceSamples(deformed, faces, weights, normalConnectivity);
    }

    public int size() {
        return faces.length;
    }

    /** The mesh the samples are evaluated on. */
    public TriangleMesh mesh() {
        return mesh;
    }

    /** Face index of every sample. */
    public int[] faces() {
        return faces;
    }

    /** N×3 barycentric weights, for the corners of each sample's face in the face's order. */
    public double[] weights() {
        return weights;
    }

    /** N×3 points. */
    public float[] positions() {
        return positions;
    }

    /** N×3 normals: unit face normals, or blended vertex normals ({@link #interpolatesVertexNormals()}). */
    public float[] normals() {
        return normals;
    }

    /** Whether normals blend vertex normals (sharp-edge samples) rather than being face normals. */
    public boolean interpolatesVertexNormals() {
        return normalConnectivity != null;
    }
}
