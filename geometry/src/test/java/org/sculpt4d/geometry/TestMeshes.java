package org.sculpt4d.geometry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Meshes for tests: closed polyhedra built from their definitions, random meshes for jqwik, the real files. */
public final class TestMeshes {
    private TestMeshes() {
    }

    /** The unit cube [0,1]³, 8 vertices, 12 triangles wound outward. */
    public static TriangleMesh cube() {
        float[] p = new float[24];
        for (int v = 0; v < 8; v++) {
            p[3 * v] = v >> 2 & 1;
            p[3 * v + 1] = v >> 1 & 1;
            p[3 * v + 2] = v & 1;
        }
        int[] f = {
            0, 1, 3, 0, 3, 2, // x = 0, normal −x
            4, 6, 7, 4, 7, 5, // x = 1, normal +x
            0, 4, 5, 0, 5, 1, // y = 0, normal −y
            2, 3, 7, 2, 7, 6, // y = 1, normal +y
            0, 2, 6, 0, 6, 4, // z = 0, normal −z
            1, 5, 7, 1, 7, 3, // z = 1, normal +z
        };
        return new TriangleMesh(p, f);
    }

    /** The regular icosahedron with vertices (0, ±1, ±φ) and cyclic permutations, wound outward. */
    public static TriangleMesh icosahedron() {
        float phi = (float) ((1 + Math.sqrt(5)) / 2);
        float[] p = {
            -1, phi, 0, 1, phi, 0, -1, -phi, 0, 1, -phi, 0,
            0, -1, phi, 0, 1, phi, 0, -1, -phi, 0, 1, -phi,
            phi, 0, -1, phi, 0, 1, -phi, 0, -1, -phi, 0, 1,
        };
        int[] f = {
            0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
            1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
            4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
        };
        return new TriangleMesh(p, f);
    }

    /**
     * A torus of radii R = 1, r = 0.4 around z, sampled on an n × m parameter grid (each grid quad split in two),
     * wound outward.
     */
    public static TriangleMesh torus(int n, int m) {
        float[] p = new float[3 * n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double u = 2 * Math.PI * i / n, w = 2 * Math.PI * j / m;
                int v = i * m + j;
                p[3 * v] = (float) ((1 + 0.4 * Math.cos(w)) * Math.cos(u));
                p[3 * v + 1] = (float) ((1 + 0.4 * Math.cos(w)) * Math.sin(u));
                p[3 * v + 2] = (float) (0.4 * Math.sin(w));
            }
        }
        int[] f = new int[6 * n * m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int a = i * m + j, b = (i + 1) % n * m + j, c = (i + 1) % n * m + (j + 1) % m, d = i * m + (j + 1) % m;
                f[k++] = a;
                f[k++] = b;
                f[k++] = c;
                f[k++] = a;
                f[k++] = c;
                f[k++] = d;
            }
        }
        return new TriangleMesh(p, f);
    }

    /**
     * Random meshes: 3 to 40 vertices in [−10, 10]³, 1 to 60 triangles with three distinct corners, every vertex used
     * by some face, each attribute present or not.
     */
    public static Arbitrary<TriangleMesh> randomMeshes() {
        return Arbitraries.integers().between(3, 40).flatMap(v -> Combinators.combine(
                Arbitraries.floats().between(-10, 10).array(float[].class).ofSize(3 * v),
                Arbitraries.integers().between(0, v - 1).array(int[].class).ofMinSize(3).ofMaxSize(180),
                attribute(3 * v, -1, 1), attribute(2 * v, -2, 2), attribute(3 * v, 0, 1))
                .as((p, ids, n, t, c) -> new TriangleMesh(p, faces(ids, v), n, t, c)));
    }

    private static Arbitrary<float[]> attribute(int length, float min, float max) {
        return Arbitraries.floats().between(min, max).array(float[].class).ofSize(length).injectNull(0.4);
    }

    /** Triangles from the index stream, corners made distinct, then one more fan covering any unused vertex. */
    private static int[] faces(int[] ids, int v) {
        int t = ids.length / 3;
        boolean[] used = new boolean[v];
        int[] f = new int[3 * (t + v)];
        int k = 0;
        for (int i = 0; i < t; i++) {
            int a = ids[3 * i], b = (a + 1 + ids[3 * i + 1] % (v - 1)) % v, c = b;
            for (int s = ids[3 * i + 2]; c == a || c == b; s++) c = s % v;
            f[k++] = a;
            f[k++] = b;
            f[k++] = c;
            used[a] = used[b] = used[c] = true;
        }
        for (int x = 0; x < v; x++) {
            if (!used[x]) {
                f[k++] = x;
                f[k++] = (x + 1) % v;
                f[k++] = (x + 2) % v;
            }
        }
        return java.util.Arrays.copyOf(f, k);
    }

    /** A file under {@code src/test/resources/real-meshes} (see the README there for sources and licences). */
    public static Path realFile(String relative) {
        try {
            return Path.of(TestMeshes.class.getResource("/real-meshes/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource real-meshes/" + relative, e);
        }
    }
}
