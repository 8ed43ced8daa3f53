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
 * Reads Quake II MD2 models: a fixed triangle list over per-frame vertex positions, one keyframe per frame, so the
 * result has fixed topology. Layout (all little-endian): a 68-byte header of 17 int32 (magic {@code "IDP2"}, version 8,
 * skin size, frame size, counts of skins, vertices, texture coordinates, triangles, GL commands and frames, then the
 * offsets of skins, texture coordinates, triangles, frames, GL commands and the file's end); triangles of 3 vertex and
 * 3 texture-coordinate int16 indices; frames of a float32 scale and translate (3 each), a 16-byte name and per vertex
 * 3 unsigned bytes plus a normal index, decoded as {@code byte × scale + translate}.
 *
 * <p>Texture coordinates, skins, normals and GL commands are ignored: the mesh's vertices are the file's vertices, so
 * UV seams do not cut the surface. Quake's z-up axes are turned to this project's y-up by the rotation
 * {@code (x, y, z) → (x, z, −y)} (no mirroring), and each triangle's corner order is reversed because MD2 winds
 * front faces clockwise. A file shorter than its header's end offset, or any truncated or out-of-range field, is a
 * {@link MeshFormatException} naming its byte offset; nothing partial is returned.
 */
public final class Md2Reader {
    private static final int HEADER_BYTES = 68;
    private static final int FRAME_HEADER_BYTES = 40;
    private static final int NAME_BYTES = 16;

    /** An MD2 model: its keyframes as a fixed-topology sequence, and each frame's name (e.g. {@code "run3"}). */
    public record Md2Model(MeshSequence sequence, List<String> frameNames) {
        public Md2Model {
            frameNames = List.copyOf(frameNames);
            if (frameNames.size() != sequence.frameCount()) {
                throw new IllegalArgumentException(frameNames.size() + " names for " + sequence.frameCount()
                        + " frames");
            }
        }
    }

    private final byte[] content;
    private final Path source;
    private final ByteBuffer data;

    private Md2Reader(byte[] content, Path source) {
        this.content = content;
        this.source = source;
        this.data = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads an MD2 file. */
    public static Md2Model read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file);
    }

    /**
     * Parses MD2 content.
     *
     * @param content the file's bytes
     * @param source  the file, named in error messages
     */
    public static Md2Model read(byte[] content, Path source) throws MeshFormatException {
        return new Md2Reader(content, source).model();
    }

    private Md2Model model() throws MeshFormatException {
        if (content.length < HEADER_BYTES) {
            throw MeshFormatException.atByte(source, content.length, "file ends inside the 68-byte MD2 header");
        }
        String magic = new String(content, 0, 4, StandardCharsets.ISO_8859_1);
        if (!magic.equals("IDP2")) {
            throw MeshFormatException.atByte(source, 0, "not an MD2 file (magic \"" + printable(magic)
                    + "\", expected \"IDP2\")");
        }
        int version = data.getInt(4);
        if (version != 8) throw MeshFormatException.atByte(source, 4, "MD2 version " + version + ", expected 8");
        int declaredEnd = data.getInt(64);
        if (declaredEnd > content.length) {
            throw MeshFormatException.atByte(source, content.length, "file ends early: the header (byte 64) declares "
                    + declaredEnd + " bytes");
        }
        int frameSize = data.getInt(16);
        int vertexCount = count(24, "vertex", 1 << 16);
        int triangleCount = count(32, "triangle", 1 << 20);
        int frameCount = count(40, "frame", 1 << 16);
        int triangleOffset = data.getInt(52);
        int frameOffset = data.getInt(56);
        if (vertexCount == 0 || triangleCount == 0 || frameCount == 0) {
            throw MeshFormatException.atByte(source, 24, "the model has " + vertexCount + " vertices, " + triangleCount
                    + " triangles and " + frameCount + " frames; MD2 needs at least one of each");
        }
        long expectedFrameSize = FRAME_HEADER_BYTES + 4L * vertexCount;
        if (frameSize != expectedFrameSize) {
            throw MeshFormatException.atByte(source, 16, "frame size " + frameSize + " does not match " + vertexCount
                    + " vertices (expected " + expectedFrameSize + ")");
        }
        requireBlock(52, triangleOffset, 12L * triangleCount, "triangles");
        requireBlock(56, frameOffset, (long) frameSize * frameCount, "frames");
        int[] faces = faces(triangleOffset, triangleCount, vertexCount);
        List<TriangleMesh> frames = new ArrayList<>(frameCount);
        List<String> names = new ArrayList<>(frameCount);
        for (int f = 0; f < frameCount; f++) {
            int at = frameOffset + f * frameSize;
            frames.add(new TriangleMesh(framePositions(at, vertexCount), faces));
            names.add(frameName(at + 24));
        }
        return new Md2Model(new MeshSequence(frames), names);
    }

    /** A non-negative header count at {@code offset}, at most {@code limit}. */
    private int count(int offset, String what, int limit) throws MeshFormatException {
        int n = data.getInt(offset);
        if (n < 0 || n > limit) {
            throw MeshFormatException.atByte(source, offset, what + " count " + n + " is outside [0, " + limit + "]");
        }
        return n;
    }

    /** Refuses a block that starts inside the header or runs past the file's end. */
    private void requireBlock(int headerField, int offset, long length, String what) throws MeshFormatException {
        if (offset < HEADER_BYTES || offset > content.length) {
            throw MeshFormatException.atByte(source, headerField, what + " offset " + offset + " is outside the file's "
                    + HEADER_BYTES + ".." + content.length + " bytes after the header");
        }
        if (offset + length > content.length) {
            throw MeshFormatException.atByte(source, content.length, "file ends inside the " + what + " (they need "
                    + length + " bytes from byte " + offset + ")");
        }
    }

    private int[] faces(int offset, int triangleCount, int vertexCount) throws MeshFormatException {
        int[] faces = new int[3 * triangleCount];
        for (int t = 0; t < triangleCount; t++) {
            for (int c = 0; c < 3; c++) {
                int at = offset + 12 * t + 2 * c;
                int v = Short.toUnsignedInt(data.getShort(at));
                if (v >= vertexCount) {
                    throw MeshFormatException.atByte(source, at, "triangle " + t + " refers to vertex " + v
                            + " but the model has " + vertexCount);
                }
                faces[3 * t + 2 - c] = v; // clockwise front faces in MD2, counter-clockwise here
            }
        }
        return faces;
    }

    /** Decodes one frame's vertices: {@code byte × scale + translate} per axis, then z-up to y-up. */
    private float[] framePositions(int at, int vertexCount) throws MeshFormatException {
        float[] scale = new float[3], translate = new float[3];
        for (int a = 0; a < 3; a++) {
            scale[a] = data.getFloat(at + 4 * a);
            translate[a] = data.getFloat(at + 12 + 4 * a);
            if (!Float.isFinite(scale[a]) || !Float.isFinite(translate[a])) {
                throw MeshFormatException.atByte(source, Float.isFinite(scale[a]) ? at + 12 + 4 * a : at + 4 * a,
                        "non-finite frame scale or translation");
            }
        }
        float[] positions = new float[3 * vertexCount];
        int vertices = at + FRAME_HEADER_BYTES;
        for (int v = 0; v < vertexCount; v++) {
            float x = Byte.toUnsignedInt(content[vertices + 4 * v]) * scale[0] + translate[0];
            float y = Byte.toUnsignedInt(content[vertices + 4 * v + 1]) * scale[1] + translate[1];
            float z = Byte.toUnsignedInt(content[vertices + 4 * v + 2]) * scale[2] + translate[2];
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                throw MeshFormatException.atByte(source, vertices + 4 * v, "vertex " + v + " decodes to a non-finite "
                        + "coordinate (frame scale or translation too large)");
            }
            positions[3 * v] = x;
            positions[3 * v + 1] = z;
            positions[3 * v + 2] = -y;
        }
        return positions;
    }

    /** The NUL-terminated frame name. */
    private String frameName(int at) {
        int length = 0;
        while (length < NAME_BYTES && content[at + length] != 0) length++;
        return new String(content, at, length, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
        }
        return b.toString();
    }
}
