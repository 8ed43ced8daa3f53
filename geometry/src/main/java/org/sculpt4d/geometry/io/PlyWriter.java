package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.TriangleMesh;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a mesh as PLY in one of the three encodings: element {@code vertex} with float {@code x y z}, then
 * {@code nx ny nz}, {@code s t} and uchar {@code red green blue} when the mesh has them; element {@code face} with
 * {@code list uchar int vertex_indices}. ASCII numbers use {@link Float#toString(float)}, which reads back as the same
 * float, so positions, normals and texture coordinates survive every encoding exactly. Colours are quantised to
 * {@code round(255·c)} for c clamped to [0, 1], so they come back within 0.5/255 (plus float rounding).
 */
public final class PlyWriter {
    private PlyWriter() {
    }

    public static void write(TriangleMesh mesh, PlyEncoding encoding, OutputStream out) throws IOException {
        OutputStream o = new BufferedOutputStream(out, 1 << 16);
        o.write(header(mesh, encoding).getBytes(StandardCharsets.US_ASCII));
        if (encoding == PlyEncoding.ASCII) {
            ascii(mesh, o);
        } else {
            binary(mesh, encoding, o);
        }
        o.flush();
    }

    private static String header(TriangleMesh mesh, PlyEncoding encoding) {
        StringBuilder h = new StringBuilder("ply\nformat ").append(encoding.keyword()).append(" 1.0\n")
                .append("comment sculpt4d\nelement vertex ").append(mesh.vertexCount()).append('\n');
        for (String p : new String[] {"x", "y", "z"}) h.append("property float ").append(p).append('\n');
        if (mesh.normals() != null) {
            for (String p : new String[] {"nx", "ny", "nz"}) h.append("property float ").append(p).append('\n');
        }
        if (mesh.uvs() != null) h.append("property float s\nproperty float t\n");
        if (mesh.colors() != null) {
            for (String p : new String[] {"red", "green", "blue"}) h.append("property uchar ").append(p).append('\n');
        }
        return h.append("element face ").append(mesh.faceCount())
                .append("\nproperty list uchar int vertex_indices\nend_header\n").toString();
    }

    private static int quantize(float c) {
        return (int) Math.round(Math.min(1, Math.max(0, c)) * 255.0);
    }

    private static void ascii(TriangleMesh mesh, OutputStream o) throws IOException {
        float[] p = mesh.positions(), n = mesh.normals(), t = mesh.uvs(), c = mesh.colors();
        StringBuilder line = new StringBuilder();
        for (int v = 0; v < mesh.vertexCount(); v++) {
            line.setLength(0);
            line.append(p[3 * v]).append(' ').append(p[3 * v + 1]).append(' ').append(p[3 * v + 2]);
            if (n != null) line.append(' ').append(n[3 * v]).append(' ').append(n[3 * v + 1]).append(' ').append(n[3 * v + 2]);
            if (t != null) line.append(' ').append(t[2 * v]).append(' ').append(t[2 * v + 1]);
            if (c != null) {
                for (int k = 0; k < 3; k++) line.append(' ').append(quantize(c[3 * v + k]));
            }
            o.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
        }
        int[] f = mesh.faces();
        for (int i = 0; i < f.length; i += 3) {
            o.write(("3 " + f[i] + ' ' + f[i + 1] + ' ' + f[i + 2] + '\n').getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void binary(TriangleMesh mesh, PlyEncoding encoding, OutputStream o) throws IOException {
        float[] p = mesh.positions(), n = mesh.normals(), t = mesh.uvs(), c = mesh.colors();
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(encoding.order());
        for (int v = 0; v < mesh.vertexCount(); v++) {
            if (b.remaining() < 40) drain(b, o);
            for (int k = 0; k < 3; k++) b.putFloat(p[3 * v + k]);
            if (n != null) {
                for (int k = 0; k < 3; k++) b.putFloat(n[3 * v + k]);
            }
            if (t != null) b.putFloat(t[2 * v]).putFloat(t[2 * v + 1]);
            if (c != null) {
                for (int k = 0; k < 3; k++) b.put((byte) quantize(c[3 * v + k]));
            }
        }
        int[] f = mesh.faces();
        for (int i = 0; i < f.length; i += 3) {
            if (b.remaining() < 13) drain(b, o);
            b.put((byte) 3).putInt(f[i]).putInt(f[i + 1]).putInt(f[i + 2]);
        }
        drain(b, o);
    }

    private static void drain(ByteBuffer b, OutputStream o) throws IOException {
        o.write(b.array(), 0, b.position());
        b.clear();
    }
}
