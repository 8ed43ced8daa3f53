package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;

/** The files under src/test/resources/fixtures, and assertions shared by the I/O tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(StoredTensor t) throws IOException {
        ByteBuffer b = t.bytes();
        assertEquals(t.byteSize(), b.remaining(), t.toString());
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Same dtype, shape and bytes. */
    static void assertSameTensor(StoredTensor want, StoredTensor got, String what) throws IOException {
        assertEquals(want.dtype(), got.dtype(), what);
        assertArrayEquals(want.shape(), got.shape(), what);
        assertArrayEquals(bytes(want), bytes(got), what);
    }

    /** Runs {@code run}, which must fail with a {@link CheckpointFormatException} naming {@code file} and containing {@code phrase}. */
    static CheckpointFormatException assertFormatError(Path file, String phrase, Executable run) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, run);
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), "expected '" + phrase + "' in: " + e.getMessage());
        return e;
    }
}
