package org.sculpt4d.geometry;

/**
 * Geometric measures of a {@link TriangleMesh}, all accumulated in double precision: total area, signed volume,
 * per-face areas and unit normals, angle-weighted vertex normals, degenerate faces.
 */
public final class MeshMeasures {
    private MeshMeasures() {
    }

    /** Total triangle area. */
    public static double area(TriangleMesh mesh) {
        double sum = 0;
        for (double a : faceAreas(mesh)) sum += a;
        return sum;
    }

    /**
     * Signed enclosed volume {@code Σ v0 · (v1 × v2) / 6} (divergence theorem): positive when a closed surface is wound
     * outward, and independent of where the origin is for a closed surface.
     */
    public static double signedVolume(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] f = mesh.faces();
        double sum = 0;
        for (int i = 0; i < f.length; i += 3) {
            int a = 3 * f[i], b = 3 * f[i + 1], c = 3 * f[i + 2];
            double ax = p[a], ay = p[a + 1], az = p[a + 2];
            double bx = p[b], by = p[b + 1], bz = p[b + 2];
            double cx = p[c], cy = p[c + 1], cz = p[c + 2];
            sum += ax * (by * cz - bz * cy) + ay * (bz * cx - bx * cz) + az * (bx * cy - by * cx);
        }
        return sum / 6;
    }

    /** Faces with a repeated vertex id or zero area. */
    public static int degenerateFaceCount(TriangleMesh mesh) {
        int[] f = mesh.faces();
        double[] n = faceCrossProducts(mesh);
        int count = 0;
        for (int i = 0; i < f.length; i += 3) {
            if (f[i] == f[i + 1] || f[i + 1] == f[i + 2] || f[i] == f[i + 2]
                    || (n[i] == 0 && n[i + 1] == 0 && n[i + 2] == 0)) {
                count++;
            }
        }
        return count;
    }

    /** Area of every face, F entries. */
    public static double[] faceAreas(TriangleMesh mesh) {
        double[] n = faceCrossProducts(mesh);
        double[] areas = new double[mesh.faceCount()];
        for (int f = 0; f < areas.length; f++) {
            areas[f] = Math.sqrt(n[3 * f] * n[3 * f] + n[3 * f + 1] * n[3 * f + 1] + n[3 * f + 2] * n[3 * f + 2]) / 2;
        }
        return areas;
    }

    /**
     * Unit normal of every face, F×3, pointing to the side from which the face is counter-clockwise; (0, 0, 0) for a
     * zero-area face (trimesh's convention, which Hunyuan3D's samplers inherit, spec hunyuan3d21-shape.md §2.3).
     */
    public static double[] faceNormals(TriangleMesh mesh) {
        double[] n = faceCrossProducts(mesh);
        for (int i = 0; i < n.length; i += 3) normalize(n, i);
        return n;
    }

    /**
     * Angle-weighted vertex normals, V×3 (Thürrner &amp; Wüthrich 1998, "Computing vertex normals from polygonal
     * facets"): the unit face normals of the faces around a vertex, each weighted by the face's interior angle at that
     * vertex, summed and normalised. This is trimesh's {@code vertex_normals}, the vertex normal of Hunyuan3D's
     * sharp-edge rule (spec hunyuan3d21-shape.md §2.3). A vertex no face uses, or whose sum vanishes, gets (0, 0, 0).
     */
    public static double[] vertexNormals(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] f = mesh.faces();
        double[] fn = faceNormals(mesh);
        double[] vn = new double[3 * mesh.vertexCount()];
        for (int i = 0; i < f.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int v = f[i + k];
                double angle = cornerAngle(p, v, f[i + (k + 1) % 3], f[i + (k + 2) % 3]);
                for (int c = 0; c < 3; c++) vn[3 * v + c] += angle * fn[i + c];
            }
        }
        for (int i = 0; i < vn.length; i += 3) normalize(vn, i);
        return vn;
    }

    /** Interior angle at vertex {@code v} of the triangle (v, a, b); 0 when an adjacent edge has zero length. */
    private static double cornerAngle(float[] p, int v, int a, int b) {
        double ux = p[3 * a] - (double) p[3 * v], uy = p[3 * a + 1] - (double) p[3 * v + 1];
        double uz = p[3 * a + 2] - (double) p[3 * v + 2];
        double wx = p[3 * b] - (double) p[3 * v], wy = p[3 * b + 1] - (double) p[3 * v + 1];
        double wz = p[3 * b + 2] - (double) p[3 * v + 2];
        double cx = uy * wz - uz * wy, cy = uz * wx - ux * wz, cz = ux * wy - uy * wx;
        double sin = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double cos = ux * wx + uy * wy + uz * wz;
        return sin == 0 && cos == 0 ? 0 : Math.atan2(sin, cos);
    }

    /** (v1 − v0) × (v2 − v0) per face, F×3: twice the area times the unit normal. */
    private static double[] faceCrossProducts(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] f = mesh.faces();
        double[] n = new double[f.length];
        for (int i = 0; i < f.length; i += 3) {
            int a = 3 * f[i], b = 3 * f[i + 1], c = 3 * f[i + 2];
            double ux = p[b] - (double) p[a], uy = p[b + 1] - (double) p[a + 1], uz = p[b + 2] - (double) p[a + 2];
            double vx = p[c] - (double) p[a], vy = p[c + 1] - (double) p[a + 1], vz = p[c + 2] - (double) p[a + 2];
            n[i] = uy * vz - uz * vy;
            n[i + 1] = uz * vx - ux * vz;
            n[i + 2] = ux * vy - uy * vx;
        }
        return n;
    }

    private static void normalize(double[] v, int i) {
        double len = Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]);
        if (len > 0) {
            v[i] /= len;
            v[i + 1] /= len;
            v[i + 2] /= len;
        }
    }
}
