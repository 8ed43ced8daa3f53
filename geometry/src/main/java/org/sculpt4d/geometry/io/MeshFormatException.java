package org.sculpt4d.geometry.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A mesh file that cannot be read. The message starts with the file and the position of the fault, then says what is
 * wrong: {@code "mesh.obj: line 12: face refers to vertex 9 but only 8 are defined"}, {@code "mesh.ply: byte 1043:
 * file ends inside face 17"}. Readers throw it before returning anything, never a partly built mesh.
 */
public final class MeshFormatException extends IOException {
    private final transient Path file;
    private final String position;

    private MeshFormatException(Path file, String position, String detail) {
        super(file + ": " + position + ": " + detail);
        this.file = file;
        this.position = position;
    }

    /** A fault in a text file (OBJ, an ASCII PLY body, any PLY header), at a 1-based line number. */
    public static MeshFormatException atLine(Path file, long line, String detail) {
        return new MeshFormatException(file, "line " + line, detail);
    }

    /** A fault in binary data, at a 0-based byte offset from the start of the (decompressed) file. */
    public static MeshFormatException atByte(Path file, long offset, String detail) {
        return new MeshFormatException(file, "byte " + offset, detail);
    }

    /** A fault in a structured file (glTF), at a named element such as {@code "accessors[3]"}. */
    public static MeshFormatException atElement(Path file, String element, String detail) {
        return new MeshFormatException(file, element, detail);
    }

    public Path file() {
        return file;
    }

    /** Where the fault is: {@code "line N"}, {@code "byte N"} or a glTF element such as {@code "accessors[3]"}. */
    public String position() {
        return position;
    }
}
