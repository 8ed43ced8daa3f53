package org.sculpt4d.geometry.mc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Test fields: analytic SDFs sampled as float32 on linspace grids (x slowest), random padded fields, fixtures. */
final class Fields {
    private Fields() {
    }

    interface Sdf {
        double at(double x, double y, double z);
    }

    static final Sdf SPHERE = (x, y, z) -> Math.sqrt(x * x + y * y + z * z) - 0.5;
    /** Torus around axis 2 (z), radii 0.5 and 0.25. */
    static final Sdf TORUS = (x, y, z) -> {
        double q = Math.sqrt(x * x + y * y) - 0.5;
        return Math.sqrt(q * q + z * z) - 0.25;
    };

    /** {@code −sdf} (positive inside) on linspace(lo, hi, n) per axis, as float32. */
    static float[] sample(Sdf sdf, int n, double lo, double hi) {
        float[] g = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    g[(i * n + j) * n + k] = (float) -sdf.at(linspace(lo, hi, n, i), linspace(lo, hi, n, j),
                            linspace(lo, hi, n, k));
                }
            }
        }
        return g;
    }

    /** numpy.linspace(lo, hi, n)[i] in float64, as numpy computes it: lo + i·step, the last one exactly hi. */
    static double linspace(double lo, double hi, int n, int i) {
        return i == n - 1 ? hi : lo + i * ((hi - lo) / (n - 1));
    }

    /** Standard normal values on an inner (n−2)³ block, padded with {@code pad} (outside when negative). */
    static float[] randomPadded(long seed, int n, float pad) {
        Random r = new Random(seed);
        float[] g = new float[n * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    boolean border = i == 0 || j == 0 || k == 0 || i == n - 1 || j == n - 1 || k == n - 1;
                    g[(i * n + j) * n + k] = border ? pad : (float) r.nextGaussian();
                }
            }
        }
        return g;
    }

    /** f at the integer index coordinates of an nx×ny×nz grid, as float32. */
    static float[] generate(int nx, int ny, int nz, Sdf f) {
        float[] g = new float[nx * ny * nz];
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (int k = 0; k < nz; k++) {
                    g[(i * ny + j) * nz + k] = (float) f.at(i, j, k);
                }
            }
        }
        return g;
    }

    /** Raw little-endian float32 test resource next to this class. */
    static float[] resource(String name) {
        try (InputStream in = Fields.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            byte[] b = in.readAllBytes();
            float[] f = new float[b.length / 4];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
