package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.TriangleMesh;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Wavefront OBJ geometry: {@code v x y z} (with an optional {@code w}, ignored, or a trailing {@code r g b}
 * vertex colour), {@code vt u [v [w]]}, {@code vn x y z}, and {@code f} with two or more corners in the forms
 * {@code v}, {@code v/vt}, {@code v//vn}, {@code v/vt/vn}; indices are 1-based, negative ones count back from the
 * last element defined so far. A polygon with k corners becomes the fan (c0, ci, ci+1), i = 1 … k−2 (wrong for a
 * concave polygon, as in most readers). Lines ending with a backslash continue on the next one; {@code #} starts a
 * comment. Points, lines, groups, materials, smoothing groups and free-form geometry are skipped. The text may be
 * UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
 *
 * <p>Colours are kept only when every {@code v} line has one; per-corner normals and texture coordinates follow
 * {@link CornerAttributes}. Vertices that no face uses get zero attributes.
 */
public final class ObjReader {
    private final Path source;
    private final FloatList positions = new FloatList();
    private final FloatList colors = new FloatList();
    private final FloatList uvs = new FloatList();
    private final FloatList normals = new FloatList();
    /** Per triangle corner: position, texture coordinate and normal index (0-based; −1 when absent). */
    private final IntList cornerPosition = new IntList();
    private final IntList cornerUv = new IntList();
    private final IntList cornerNormal = new IntList();
    private long line;

    private ObjReader(Path source) {
        this.source = source;
    }

    /**
     * Parses OBJ text.
     *
     * @param content the file's bytes
     * @param source the file, named in error messages
     */
    public static TriangleMesh read(byte[] content, Path source, CornerAttributes corners) throws MeshFormatException {
        ObjReader r = new ObjReader(source);
        r.parse(decode(content));
        return corners == CornerAttributes.KEEP_VERTICES ? r.keepVertices() : r.splitVertices();
    }

    private static String decode(byte[] b) {
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            skip = 3;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        return new String(b, skip, b.length - skip, cs);
    }

    private void parse(String text) throws MeshFormatException {
        StringBuilder logical = new StringBuilder();
        long firstLine = 0;
        int start = 0;
        long physical = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            physical++;
            String l = text.substring(start, end);
            if (l.endsWith("\r")) l = l.substring(0, l.length() - 1);
            if (logical.length() == 0) firstLine = physical;
            if (l.endsWith("\\")) {
                logical.append(l, 0, l.length() - 1).append(' ');
            } else {
                logical.append(l);
                line = firstLine;
                statement(logical.toString());
                logical.setLength(0);
            }
            start = end + 1;
        }
        if (logical.length() > 0) {
            line = firstLine;
            statement(logical.toString());
        }
    }

    private void statement(String l) throws MeshFormatException {
        int hash = l.indexOf('#');
        if (hash >= 0) l = l.substring(0, hash);
        String[] t = l.trim().split("\\s+");
        switch (t[0]) {
            case "v" -> vertex(t);
            case "vt" -> numbers(t, 1, 3, uvs, 2);
            case "vn" -> numbers(t, 3, 3, normals, 3);
            case "f", "fo" -> face(t);
            default -> {
                // other statements (points, lines, groups, materials, free-form geometry) carry no triangle geometry
            }
        }
    }

    private void vertex(String[] t) throws MeshFormatException {
        int n = t.length - 1;
        if (n != 3 && n != 4 && n != 6) {
            throw error("'v' needs 3 coordinates, 4 (x y z w) or 6 (x y z r g b), found " + n);
        }
        for (int i = 1; i <= 3; i++) positions.add(number(t[i]));
        if (n == 6) {
            for (int i = 4; i <= 6; i++) colors.add(number(t[i]));
        }
    }

    /** Reads {@code min..max} numbers after the keyword into {@code out}, padding with zeros to {@code width}. */
    private void numbers(String[] t, int min, int max, FloatList out, int width) throws MeshFormatException {
        int n = t.length - 1;
        if (n < min || n > max) {
            throw error("'" + t[0] + "' needs " + (min == max ? min : min + " to " + max) + " numbers, found " + n);
        }
        for (int i = 1; i <= width; i++) out.add(i <= n ? number(t[i]) : 0f);
    }

    private float number(String s) throws MeshFormatException {
        float v = DecimalText.parseFloat(s);
        if (!Float.isFinite(v)) throw error("'" + s + "' is not a finite decimal number");
        return v;
    }

    private void face(String[] t) throws MeshFormatException {
        int k = t.length - 1;
        if (k < 3) throw error("a face needs at least 3 corners, found " + k);
        int[] p = new int[k], uv = new int[k], n = new int[k];
        for (int i = 0; i < k; i++) {
            String[] parts = t[i + 1].split("/", -1);
            if (parts.length > 3 || parts[0].isEmpty()) throw error("corner '" + t[i + 1] + "' is not v, v/vt, v//vn or v/vt/vn");
            p[i] = index(parts[0], positions.size() / 3, "vertex");
            uv[i] = parts.length > 1 && !parts[1].isEmpty() ? index(parts[1], uvs.size() / 2, "texture coordinate") : -1;
            n[i] = parts.length > 2 && !parts[2].isEmpty() ? index(parts[2], normals.size() / 3, "normal") : -1;
        }
        for (int i = 1; i + 1 < k; i++) {
            for (int c : new int[] {0, i, i + 1}) {
                cornerPosition.add(p[c]);
                cornerUv.add(uv[c]);
                cornerNormal.add(n[c]);
            }
        }
    }

    /** A 1-based or negative (relative) OBJ index, resolved against the {@code defined} elements so far, 0-based. */
    private int index(String s, int defined, String what) throws MeshFormatException {
        long i = DecimalText.parseInteger(s);
        if (i == Long.MIN_VALUE) throw error("'" + s + "' is not an index");
        long resolved = i > 0 ? i - 1 : defined + i;
        if (i == 0 || resolved < 0 || resolved >= defined) {
            throw error("face refers to " + what + " " + s + " but " + defined + " are defined so far");
        }
        return (int) resolved;
    }

    private MeshFormatException error(String detail) {
        return MeshFormatException.atLine(source, line, detail);
    }

    private TriangleMesh keepVertices() {
        int v = positions.size() / 3;
        int[] faces = cornerPosition.toArray();
        return new TriangleMesh(positions.toArray(), faces, perVertex(faces, cornerNormal, normals, 3, v),
                perVertex(faces, cornerUv, uvs, 2, v), vertexColors());
    }

    /** The corner attribute as a per-vertex array, or null when a corner lacks it or two corners of a vertex differ. */
    private static float[] perVertex(int[] faces, IntList corner, FloatList values, int width, int vertices) {
        float[] out = new float[width * vertices];
        boolean[] set = new boolean[vertices];
        for (int c = 0; c < faces.length; c++) {
            int a = corner.get(c);
            if (a < 0) return null;
            int v = faces[c];
            for (int k = 0; k < width; k++) {
                float x = values.get(width * a + k);
                if (set[v] && Float.floatToIntBits(out[width * v + k]) != Float.floatToIntBits(x)) return null;
                out[width * v + k] = x;
            }
            set[v] = true;
        }
        return faces.length == 0 ? null : out;
    }

    private float[] vertexColors() {
        return colors.size() == positions.size() && colors.size() > 0 ? colors.toArray() : null;
    }

    private TriangleMesh splitVertices() {
        boolean hasUv = everyCornerHas(cornerUv), hasNormal = everyCornerHas(cornerNormal);
        int original = positions.size() / 3;
        Corner[] byId = new Corner[original];
        List<Corner> appended = new ArrayList<>();
        Map<Corner, Integer> ids = new HashMap<>();
        int[] faces = new int[cornerPosition.size()];
        for (int c = 0; c < faces.length; c++) {
            Corner key = new Corner(cornerPosition.get(c), hasUv ? cornerUv.get(c) : -1,
                    hasNormal ? cornerNormal.get(c) : -1);
            Integer id = ids.get(key);
            if (id == null) {
                if (byId[key.position] == null) {
                    id = key.position;
                    byId[id] = key;
                } else {
                    id = original + appended.size();
                    appended.add(key);
                }
                ids.put(key, id);
            }
            faces[c] = id;
        }
        int total = original + appended.size();
        float[] col = vertexColors();
        float[] p = new float[3 * total];
        float[] outColors = col == null ? null : new float[3 * total];
        float[] tex = hasUv ? new float[2 * total] : null;
        float[] nrm = hasNormal ? new float[3 * total] : null;
        for (int v = 0; v < total; v++) {
            Corner key = v < original ? byId[v] : appended.get(v - original);
            int s = v < original ? v : key.position;
            for (int k = 0; k < 3; k++) {
                p[3 * v + k] = positions.get(3 * s + k);
                if (outColors != null) outColors[3 * v + k] = col[3 * s + k];
                if (nrm != null && key != null) nrm[3 * v + k] = normals.get(3 * key.normal + k);
            }
            if (tex != null && key != null) {
                tex[2 * v] = uvs.get(2 * key.uv);
                tex[2 * v + 1] = uvs.get(2 * key.uv + 1);
            }
        }
        return new TriangleMesh(p, faces, nrm, tex, outColors);
    }

    private static boolean everyCornerHas(IntList corner) {
        for (int c = 0; c < corner.size(); c++) {
            if (corner.get(c) < 0) return false;
        }
        return corner.size() > 0;
    }

    /** One distinct (position, texture coordinate, normal) combination; −1 for an attribute not kept. */
    private record Corner(int position, int uv, int normal) {
    }
}
