package org.sculpt4d.geometry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * A unit sphere as a latitude–longitude mesh: {@code rings} latitude bands (poles are single vertices) and
     * {@code segments} longitudes, wound outward. With {@code openTop} the triangle fan at the north pole is left out,
     * leaving a hole whose rim is the planar circle z = cos(π / rings).
     */
    public static TriangleMesh uvSphere(int rings, int segments, boolean openTop) {
        int v = 2 + (rings - 1) * segments;
        float[] p = new float[3 * v];
        p[2] = 1; // vertex 0: north pole
        p[3 * (v - 1) + 2] = -1; // last vertex: south pole
        for (int i = 1; i < rings; i++) {
            double theta = Math.PI * i / rings;
            for (int j = 0; j < segments; j++) {
                double phi = 2 * Math.PI * j / segments;
                int k = 1 + (i - 1) * segments + j;
                p[3 * k] = (float) (Math.sin(theta) * Math.cos(phi));
                p[3 * k + 1] = (float) (Math.sin(theta) * Math.sin(phi));
                p[3 * k + 2] = (float) Math.cos(theta);
            }
        }
        int[] f = new int[6 * (rings - 1) * segments];
        int n = 0;
        for (int j = 0; j < segments; j++) {
            int a = 1 + j, b = 1 + (j + 1) % segments;
            if (!openTop) {
                f[n++] = 0;
                f[n++] = a;
                f[n++] = b;
            }
            int c = 1 + (rings - 2) * segments + j, d = 1 + (rings - 2) * segments + (j + 1) % segments;
            f[n++] = v - 1;
            f[n++] = d;
            f[n++] = c;
        }
        for (int i = 1; i < rings - 1; i++) {
            for (int j = 0; j < segments; j++) {
                int a = 1 + (i - 1) * segments + j, b = 1 + (i - 1) * segments + (j + 1) % segments;
                int c = a + segments, d = b + segments;
                f[n++] = a;
                f[n++] = c;
                f[n++] = d;
                f[n++] = a;
                f[n++] = d;
                f[n++] = b;
            }
        }
        return new TriangleMesh(p, Arrays.copyOf(f, n));
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
        return Arrays.copyOf(f, k);
    }

    /** The npm {@code bunny@1.0.1} Stanford bunny (1,839 vertices, 3,674 triangles, closed and outward). */
    public static TriangleMesh bunny() {
        return npmMesh("bunny-1.0.1/index.js", 1839, 3674);
    }

    /**
     * The npm {@code teapot@1.0.0} Utah teapot (792 vertices, 992 triangles from Newell's patches: open and
     * non-manifold, with duplicate vertices along the patch seams).
     */
    public static TriangleMesh teapot() {
        return npmMesh("teapot-1.0.0/teapot.js", 792, 992);
    }

    /**
     * A mesh of a stack.gl-style npm package, parsed from its
     * {@code exports.positions=[[x,y,z],…]; exports.cells=[[i,j,k],…]} JavaScript; the counts are the package's own.
     */
    private static TriangleMesh npmMesh(String file, int vertices, int triangles) {
        String js = readString(file);
        int cells = js.indexOf("exports.cells");
        Matcher number = NUMBER.matcher(js);
        int start = js.indexOf("exports.positions") + "exports.positions".length();
        float[] p = new float[3 * vertices + 3];
        int np = 0;
        int[] f = new int[3 * triangles + 3];
        int nf = 0;
        while (number.find(start) && np <= 3 * vertices && nf <= 3 * triangles) {
            if (number.start() < cells) {
                p[np++] = Float.parseFloat(number.group());
            } else if (number.start() > cells + "exports.cells".length()) {
                f[nf++] = Integer.parseInt(number.group());
            }
            start = number.end();
        }
        if (np != 3 * vertices || nf != 3 * triangles) {
            throw new IllegalStateException(file + ": " + np / 3 + " vertices and " + nf / 3 + " triangles, expected "
                    + vertices + " and " + triangles);
        }
        return new TriangleMesh(Arrays.copyOf(p, np), Arrays.copyOf(f, nf));
    }

    /**
     * assimp's {@code STL/sphereWithHole.stl} (ASCII STL, 570 facets: a sphere with a hole), with corners that share
     * a position welded into one vertex.
     */
    public static TriangleMesh sphereWithHole() {
        String stl = readString("assimp-testmodels-5.2.5/STL/sphereWithHole.stl");
        Matcher vertex = Pattern.compile("vertex\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)").matcher(stl);
        java.util.Map<java.util.List<Float>, Integer> ids = new java.util.HashMap<>();
        java.util.List<java.util.List<Float>> positions = new java.util.ArrayList<>();
        java.util.List<Integer> corners = new java.util.ArrayList<>();
        while (vertex.find()) {
            java.util.List<Float> key = java.util.List.of(Float.parseFloat(vertex.group(1)),
                    Float.parseFloat(vertex.group(2)), Float.parseFloat(vertex.group(3)));
            corners.add(ids.computeIfAbsent(key, k -> {
                positions.add(k);
                return positions.size() - 1;
            }));
        }
        float[] p = new float[3 * positions.size()];
        for (int v = 0; v < positions.size(); v++) {
            for (int d = 0; d < 3; d++) p[3 * v + d] = positions.get(v).get(d);
        }
        int[] f = corners.stream().mapToInt(Integer::intValue).toArray();
        return new TriangleMesh(p, f);
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+(?:[eE][-+]?[0-9]+)?");

    private static String readString(String relative) {
        try {
            return Files.readString(realFile(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
