package org.sculpt4d.geometry.io;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged files either read as some valid mesh or fail with a {@link MeshFormatException} that names the file and a
 * position inside it: never another exception, never a partly built mesh.
 */
class CorruptFileProperties {
    private static final Path NAME = Path.of("damaged.mesh");

    @Provide
    Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes();
    }

    private static byte[] encode(TriangleMesh mesh, int format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (format == 3) {
            ObjWriter.write(mesh, out);
        } else {
            PlyWriter.write(mesh, PlyEncoding.values()[format], out);
        }
        return out.toByteArray();
    }

    private static void readOrFailCleanly(byte[] content, int format) {
        try {
            TriangleMesh m = format == 3 ? ObjReader.read(content, NAME, CornerAttributes.KEEP_VERTICES)
                    : PlyReader.read(content, NAME);
            assertTrue(m.vertexCount() >= 0); // constructed, hence valid
        } catch (MeshFormatException e) {
            assertEquals(NAME, e.file());
            assertTrue(e.getMessage().startsWith(NAME + ": " + e.position() + ": "), e.getMessage());
            long at = Long.parseLong(e.position().substring(5));
            long lines = 1;
            for (byte x : content) lines += x == '\n' ? 1 : 0;
            boolean inside = e.position().startsWith("line ") ? at >= 1 && at <= lines : at >= 0 && at <= content.length;
            assertTrue(inside, e.getMessage());
        } catch (RuntimeException e) {
            fail("not a MeshFormatException: " + e, e);
        }
    }

    @Property(tries = 150)
    void truncatedFilesFailCleanly(@ForAll("meshes") TriangleMesh mesh, @ForAll @IntRange(max = 3) int format,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) throws IOException {
        byte[] whole = encode(mesh, format);
        byte[] part = Arrays.copyOf(whole, cut % whole.length);
        readOrFailCleanly(part, format);
    }

    @Property(tries = 300)
    void flippedBytesFailCleanly(@ForAll("meshes") TriangleMesh mesh, @ForAll @IntRange(max = 3) int format,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(min = 1, max = 255) int mask)
            throws IOException {
        byte[] b = encode(mesh, format);
        b[where % b.length] ^= (byte) mask;
        readOrFailCleanly(b, format);
    }
}
