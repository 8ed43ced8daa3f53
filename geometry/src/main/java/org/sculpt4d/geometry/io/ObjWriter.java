package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.TriangleMesh;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a mesh as Wavefront OBJ text: {@code v x y z} (plus {@code r g b} when the mesh has colours), {@code vt u v},
 * {@code vn x y z}, one {@code f} per triangle with the same 1-based index for every attribute ({@code a/a/a}).
 * Numbers are written with {@link Float#toString(float)}, the shortest text that reads back as the same float, so
 * {@link ObjReader} with {@link CornerAttributes#KEEP_VERTICES} returns an identical mesh.
 */
public final class ObjWriter {
    private ObjWriter() {
    }

    public static void write(TriangleMesh mesh, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        w.write("# sculpt4d: " + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " triangles\n");
        float[] p = mesh.positions(), c = mesh.colors(), t = mesh.uvs(), n = mesh.normals();
        for (int v = 0; v < mesh.vertexCount(); v++) {
            w.write("v");
            numbers(w, p, 3 * v, 3);
            if (c != null) numbers(w, c, 3 * v, 3);
            w.write('\n');
        }
        if (t != null) {
            for (int v = 0; v < mesh.vertexCount(); v++) {
                w.write("vt");
                numbers(w, t, 2 * v, 2);
                w.write('\n');
            }
        }
        if (n != null) {
            for (int v = 0; v < mesh.vertexCount(); v++) {
                w.write("vn");
                numbers(w, n, 3 * v, 3);
                w.write('\n');
            }
        }
        int[] f = mesh.faces();
        for (int i = 0; i < f.length; i += 3) {
            w.write("f");
            for (int k = 0; k < 3; k++) {
                String id = Integer.toString(f[i + k] + 1);
                w.write(' ');
                w.write(id);
                if (t != null) w.write("/" + id);
                if (n != null) w.write((t != null ? "/" : "//") + id);
            }
            w.write('\n');
        }
        w.flush();
    }

    private static void numbers(Writer w, float[] a, int from, int count) throws IOException {
        for (int k = 0; k < count; k++) {
            w.write(' ');
            w.write(Float.toString(a[from + k]));
        }
    }
}
