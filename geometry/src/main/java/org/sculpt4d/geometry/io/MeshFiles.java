package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.TriangleMesh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes meshes by file extension: {@code .obj} ({@link ObjReader}, {@link ObjWriter}) and {@code .ply}
 * ({@link PlyReader}, {@link PlyWriter}; written binary little-endian unless asked otherwise), each optionally
 * gzip-compressed as {@code .obj.gz} / {@code .ply.gz} (byte offsets in errors then count decompressed bytes).
 *
 * <p>Writes are atomic: the mesh goes to a temporary file in the target's folder, which is forced to disk and then
 * renamed over the target, so a reader never sees a partly written file and a failed write leaves the old file.
 */
public final class MeshFiles {
    private MeshFiles() {
    }

    /** Reads an OBJ or PLY mesh; OBJ corner attributes as {@link CornerAttributes#KEEP_VERTICES}. */
    public static TriangleMesh read(Path file) throws IOException {
        return read(file, CornerAttributes.KEEP_VERTICES);
    }

    /** Reads an OBJ or PLY mesh, with the given treatment of OBJ corner attributes (PLY has none). */
    public static TriangleMesh read(Path file, CornerAttributes corners) throws IOException {
        String name = plainName(file);
        String extension = extension(name, file);
        byte[] content = Files.readAllBytes(file);
        if (name.length() < file.getFileName().toString().length()) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw MeshFormatException.atByte(file, 0, "not a readable gzip stream (" + e.getMessage() + ")");
            }
        }
        return extension.equals("obj") ? ObjReader.read(content, file, corners) : PlyReader.read(content, file);
    }

    /** Writes OBJ, or binary little-endian PLY, by the file's extension. */
    public static void write(Path file, TriangleMesh mesh) throws IOException {
        write(file, mesh, PlyEncoding.BINARY_LITTLE_ENDIAN);
    }

    /** Writes OBJ, or PLY in the given encoding, by the file's extension. */
    public static void write(Path file, TriangleMesh mesh, PlyEncoding plyEncoding) throws IOException {
        String name = plainName(file);
        boolean gzip = name.length() < file.getFileName().toString().length();
        String extension = extension(name, file);
        AtomicFile.write(file, fileOut -> {
            OutputStream out = gzip ? new GZIPOutputStream(fileOut, 1 << 16) : fileOut;
            if (extension.equals("obj")) {
                ObjWriter.write(mesh, out);
            } else {
                PlyWriter.write(mesh, plyEncoding, out);
            }
            if (out instanceof GZIPOutputStream z) z.finish();
        });
    }

    /** The file name without a trailing {@code .gz}, lower case. */
    private static String plainName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    private static String extension(String plainName, Path file) {
        if (plainName.endsWith(".obj")) return "obj";
        if (plainName.endsWith(".ply")) return "ply";
        throw new IllegalArgumentException(file + ": unknown mesh format (expected .obj or .ply, optionally .gz)");
    }
}
