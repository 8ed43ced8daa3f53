package org.sculpt4d.geometry.render;

import java.util.Arrays;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * A small software rasteriser for making input pictures from real meshes: orthographic projection
 * ({@link OrthoCamera}), a z-buffer, Lambert shading of interpolated vertex normals with one directional light and
 * an ambient term, and a transparent background (RGBA, as Hunyuan3D's image preprocessing expects). Supersampling
 * (s × s samples per pixel, box-filtered) smooths the edges and the alpha mask. Deterministic; no GPU, no AWT
 * rendering.
 *
 * <p>Shading: {@code albedo · (ambient + (1 − ambient) · max(0, n·l))}, with the normal turned towards the viewer
 * (so open meshes and back faces are lit too), {@code l} fixed in camera space (from the upper left, in front).
 */
public final class MeshRenderer {
    private static final double[] LIGHT_CAMERA = normalise(-0.4, 0.6, 0.7);

    private final int width;
    private final int height;
    private final int supersample;
    private final float[] albedo;
    private final double ambient;

    /**
     * @param albedo  linear RGB in [0, 1]
     * @param ambient share of the light that reaches every surface, in [0, 1]
     */
    public MeshRenderer(int width, int height, int supersample, float[] albedo, double ambient) {
        if (width < 1 || height < 1 || supersample < 1 || supersample > 8) {
            throw new IllegalArgumentException("renderer: size " + width + "×" + height + ", supersampling "
                    + supersample + " (1–8)");
        }
        if (albedo.length != 3 || !(ambient >= 0 && ambient <= 1)) {
            throw new IllegalArgumentException("renderer: albedo needs 3 channels and ambient must lie in [0, 1]");
        }
        this.width = width;
        this.height = height;
        this.supersample = supersample;
        this.albedo = albedo.clone();
        this.ambient = ambient;
    }

    /** 512 × 512, 2 × 2 supersampling, light grey clay, ambient 0.25. */
    public static MeshRenderer clay(int size) {
        return new MeshRenderer(size, size, 2, new float[] {0.82f, 0.78f, 0.72f}, 0.25);
    }

    public RgbaImage render(TriangleMesh mesh, OrthoCamera camera) {
        int w = width * supersample, h = height * supersample;
        double[][] axes = camera.axes();
        double[] c = camera.center();
        double scale = Math.min(w, h) / (2 * camera.halfExtent());
        float[] p = mesh.positions();
        int n = mesh.vertexCount();
        double[] sx = new double[n], sy = new double[n], sz = new double[n];
        for (int v = 0; v < n; v++) {
            double dx = p[3 * v] - c[0], dy = p[3 * v + 1] - c[1], dz = p[3 * v + 2] - c[2];
            sx[v] = w / 2.0 + scale * dot(axes[0], dx, dy, dz);
            sy[v] = h / 2.0 - scale * dot(axes[1], dx, dy, dz);
            sz[v] = dot(axes[2], dx, dy, dz); // larger is closer to the viewer
        }
        double[] normals = MeshMeasures.vertexNormals(mesh);
        double[] light = new double[3];
        for (int a = 0; a < 3; a++) {
            light[a] = axes[0][a] * LIGHT_CAMERA[0] + axes[1][a] * LIGHT_CAMERA[1] + axes[2][a] * LIGHT_CAMERA[2];
        }
        double[] depth = new double[w * h];
        Arrays.fill(depth, Double.NEGATIVE_INFINITY);
        float[] shade = new float[w * h];
        int[] f = mesh.faces();
        for (int t = 0; t < mesh.faceCount(); t++) {
            rasterise(f[3 * t], f[3 * t + 1], f[3 * t + 2], sx, sy, sz, normals, light, axes[2], w, h, depth, shade);
        }
        return downsample(depth, shade, w);
    }

    private void rasterise(int a, int b, int c, double[] sx, double[] sy, double[] sz, double[] normals, double[] light,
                           double[] towardsViewer, int w, int h, double[] depth, float[] shade) {
        double area = (sx[b] - sx[a]) * (sy[c] - sy[a]) - (sx[c] - sx[a]) * (sy[b] - sy[a]);
        if (area == 0 || Double.isNaN(area)) return;
        int x0 = Math.max(0, (int) Math.floor(Math.min(sx[a], Math.min(sx[b], sx[c]))));
        int x1 = Math.min(w - 1, (int) Math.ceil(Math.max(sx[a], Math.max(sx[b], sx[c]))));
        int y0 = Math.max(0, (int) Math.floor(Math.min(sy[a], Math.min(sy[b], sy[c]))));
        int y1 = Math.min(h - 1, (int) Math.ceil(Math.max(sy[a], Math.max(sy[b], sy[c]))));
        for (int y = y0; y <= y1; y++) {
            double py = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5;
                // barycentric weights from signed sub-areas (pixel centres; the same sign as area means inside)
                double wa = ((sx[b] - px) * (sy[c] - py) - (sx[c] - px) * (sy[b] - py)) / area;
                double wb = ((sx[c] - px) * (sy[a] - py) - (sx[a] - px) * (sy[c] - py)) / area;
                double wc = 1 - wa - wb;
                if (wa < 0 || wb < 0 || wc < 0) continue;
                double z = wa * sz[a] + wb * sz[b] + wc * sz[c];
                int i = y * w + x;
                if (z <= depth[i]) continue;
                depth[i] = z;
                double nx = wa * normals[3 * a] + wb * normals[3 * b] + wc * normals[3 * c];
                double ny = wa * normals[3 * a + 1] + wb * normals[3 * b + 1] + wc * normals[3 * c + 1];
                double nz = wa * normals[3 * a + 2] + wb * normals[3 * b + 2] + wc * normals[3 * c + 2];
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                if (len == 0) {
                    shade[i] = (float) ambient;
                    continue;
                }
                double sign = nx * towardsViewer[0] + ny * towardsViewer[1] + nz * towardsViewer[2] < 0 ? -1 : 1;
                double lambert = Math.max(0, sign * (nx * light[0] + ny * light[1] + nz * light[2]) / len);
                shade[i] = (float) (ambient + (1 - ambient) * lambert);
            }
        }
    }

    /** Box filter of the supersamples: alpha = covered share, colour = mean over covered samples. */
    private RgbaImage downsample(double[] depth, float[] shade, int w) {
        int s = supersample;
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int covered = 0;
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    for (int i = 0; i < s; i++) {
                        int k = (y * s + j) * w + x * s + i;
                        if (depth[k] != Double.NEGATIVE_INFINITY) {
                            covered++;
                            sum += shade[k];
                        }
                    }
                }
                if (covered == 0) continue;
                double light = sum / covered;
                int alpha = (int) Math.round(255.0 * covered / (s * s));
                argb[y * width + x] = alpha << 24 | channel(albedo[0] * light) << 16 | channel(albedo[1] * light) << 8
                        | channel(albedo[2] * light);
            }
        }
        return new RgbaImage(width, height, argb);
    }

    private static int channel(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    private static double dot(double[] axis, double x, double y, double z) {
        return axis[0] * x + axis[1] * y + axis[2] * z;
    }

    private static double[] normalise(double x, double y, double z) {
        double len = Math.sqrt(x * x + y * y + z * z);
        return new double[] {x / len, y / len, z / len};
    }
}
