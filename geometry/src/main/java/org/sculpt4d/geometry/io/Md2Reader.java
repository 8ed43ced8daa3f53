package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Quake-2 MD2 model: a keyframed, fixed-topology character. Little-endian layout (id Software, 1997): a
 * 68-byte header of 17 ints ({@code "IDP2"}, version 8, skin size, frame size, counts of skins, vertices, texture
 * coordinates, triangles, GL commands and frames, then the offsets of skins, texture coordinates, triangles, frames,
 * GL commands and the end); triangles of 3 vertex shorts + 3 texture-coordinate shorts; frames of a float3 scale,
 * a float3 translate, a 16-byte name and one {@code (x, y, z, normalIndex)} byte quadruple per vertex, decoded as
 * {@code scale * v + translate}.
 *
 * <p>Coordinates stay in the file's Quake frame (Z up) and triangles keep the file's vertex order; texture
 * coordinates, skins and GL commands are not read. Every frame shares one face array.
 */
public final class Md2Reader {
    private static final int HEADER_BYTES = 68;
    private static final int TRIANGLE_BYTES = 12;

    /** The frames of an MD2 model and their names ({@code "stand01"}, {@code "run1"}, ...), one per frame. */
    public record Md2Model(MeshSequence sequence, List<String> frameNames) {
    }

    private Md2Reader() {
    }

    public static Md2Model read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file);
    }

    static Md2Model read(byte[] content, Path file) throws MeshFormatException {
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        if (content.length < HEADER_BYTES) {
            throw MeshFormatException.atByte(file, content.length, "file ends inside the 68-byte MD2 header");
        }
        if (in.getInt(0) != 0x32504449) throw MeshFormatException.atByte(file, 0, "not an MD2 file (magic is not IDP2)");
        int version = in.getInt(4);
        if (version != 8) throw MeshFormatException.atByte(file, 4, "MD2 version " + version + ", expected 8");
        int frameSize = in.getInt(16);
        int vertexCount = count(in, 24, "vertex", file);
        int triangleCount = count(in, 32, "triangle", file);
        int frameCount = count(in, 40, "frame", file);
        long trianglesAt = in.getInt(52) & 0xffffffffL;
        long framesAt = in.getInt(56) & 0xffffffffL;
        long end = in.getInt(64) & 0xffffffffL;
        if (end > content.length) {
            throw MeshFormatException.atByte(file, content.length, "file has " + content.length + " bytes but its"
                    + " header says " + end + " (truncated)");
        }
        if (vertexCount == 0 || triangleCount == 0 || frameCount == 0) {
            throw MeshFormatException.atByte(file, 24, "MD2 has " + vertexCount + " vertices, " + triangleCount
                    + " triangles and " + frameCount + " frames; all must be positive");
        }
        if (frameSize < 40 + 4L * vertexCount) {
            throw MeshFormatException.atByte(file, 16, "frame size " + frameSize + " is smaller than the 40 + 4 × "
                    + vertexCount + " bytes a frame needs");
        }
        requireInside(content, file, trianglesAt, (long) triangleCount * TRIANGLE_BYTES, "triangle table");
        requireInside(content, file, framesAt, (long) frameCount * frameSize, "frame table");

        int[] faces = new int[3 * triangleCount];
        for (int t = 0; t < triangleCount; t++) {
            for (int k = 0; k < 3; k++) {
                int at = (int) trianglesAt + t * TRIANGLE_BYTES + 2 * k;
                int v = in.getShort(at) & 0xffff;
                if (v >= vertexCount) {
                    throw MeshFormatException.atByte(file, at, "triangle " + t + " refers to vertex " + v + " but the"
                            + " model has " + vertexCount);
                }
                faces[3 * t + k] = v;
            }
        }
        List<TriangleMesh> frames = new ArrayList<>(frameCount);
        List<String> names = new ArrayList<>(frameCount);
        for (int f = 0; f < frameCount; f++) {
            int at = (int) (framesAt + (long) f * frameSize);
            float[] scale = new float[3];
            float[] translate = new float[3];
            for (int c = 0; c < 3; c++) {
                scale[c] = in.getFloat(at + 4 * c);
                translate[c] = in.getFloat(at + 12 + 4 * c);
                if (!Float.isFinite(scale[c]) || !Float.isFinite(translate[c])) {
                    throw MeshFormatException.atByte(file, at, "frame " + f + " has a non-finite scale or translation");
                }
            }
            names.add(frameName(content, at + 24));
            float[] positions = new float[3 * vertexCount];
            int vertices = at + 40;
            for (int i = 0; i < 3 * vertexCount; i++) {
                int c = i % 3;
                positions[i] = scale[c] * (content[vertices + 4 * (i / 3) + c] & 0xff) + translate[c];
            }
            frames.add(new TriangleMesh(positions, faces));
        }
        return new Md2Model(new MeshSequence(frames), List.copyOf(names));
    }

    private static int count(ByteBuffer in, int at, String what, Path file) throws MeshFormatException {
        int n = in.getInt(at);
        if (n < 0 || n > 1 << 24) throw MeshFormatException.atByte(file, at, "implausible " + what + " count " + n);
        return n;
    }

    private static void requireInside(byte[] content, Path file, long start, long length, String what)
            throws MeshFormatException {
        if (start < HEADER_BYTES || start + length > content.length) {
            throw MeshFormatException.atByte(file, Math.min(start + length, content.length), "the " + what + " ("
                    + length + " bytes from byte " + start + ") does not fit in the " + content.length + "-byte file");
        }
    }

    /** A NUL-terminated name of at most 16 bytes. */
    private static String frameName(byte[] content, int at) {
        int end = at;
        while (end < at + 16 && content[end] != 0) end++;
        return new String(content, at, end - at, StandardCharsets.ISO_8859_1);
    }
}
