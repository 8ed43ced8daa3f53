package org.sculpt4d.geometry.io;

/** The few 4×4 matrix operations glTF evaluation needs, on column-major {@code float[16]} as glTF stores them. */
final class Mat4 {
    private Mat4() {
    }

    static float[] identity() {
        return new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    }

    /** {@code a · b}. */
    static float[] multiply(float[] a, float[] b) {
        float[] c = new float[16];
        for (int col = 0; col < 4; col++) {
            for (int row = 0; row < 4; row++) {
                float s = 0f;
                for (int k = 0; k < 4; k++) s += a[k * 4 + row] * b[col * 4 + k];
                c[col * 4 + row] = s;
            }
        }
        return c;
    }

    /** Determinant of the upper-left 3×3 block (zero for a node scaled to nothing). */
    static float determinant(float[] m) {
        return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2])
                + m[8] * (m[1] * m[6] - m[5] * m[2]);
    }

    /** The affine map {@code m} (bottom row taken as 0 0 0 1) applied to point {@code i} of {@code p}. */
    static void transformPoint(float[] m, float[] p, int i, float[] out, int o) {
        float x = p[i];
        float y = p[i + 1];
        float z = p[i + 2];
        out[o] = m[0] * x + m[4] * y + m[8] * z + m[12];
        out[o + 1] = m[1] * x + m[5] * y + m[9] * z + m[13];
        out[o + 2] = m[2] * x + m[6] * y + m[10] * z + m[14];
    }

    static float[] transformPoints(float[] m, float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i += 3) transformPoint(m, p, i, out, i);
        return out;
    }
}
