package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.nn.io.Fixtures.assertFormatError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.tensor.Tensor;

class SafeTensorsFileTest {
    @TempDir
    Path dir;

    /** A file with {@code header} (as given, unpadded), its length as {@code headerLength}, then {@code data} bytes. */
    private Path file(String name, long headerLength, String header, int data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(headerLength).put(h);
        for (int i = 0; b.hasRemaining(); i++) b.put((byte) i);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private Path file(String name, String header, int data) throws IOException {
        return file(name, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    private static void assertOpenFails(Path p, String phrase) {
        assertFormatError(p, phrase, () -> SafeTensorsFile.open(p).close());
    }

    @Test
    void readsAValidFileWithGapsAndUnsortedOffsets() throws IOException {
        Path p = file("ok.safetensors", "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
                + "\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"e\":{\"dtype\":\"F16\",\"shape\":[0,4],\"data_offsets\":[4,4]}}", 24);
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            assertEquals(Map.of("format", "pt"), f.metadata());
            assertEquals(List.of("b", "a", "e"), List.copyOf(f.stateDict().keys()));
            assertArrayEquals(new long[] {0x03020100}, f.stateDict().get("a").toLongs());
            assertArrayEquals(new int[] {0, 4}, f.stateDict().shape("e"));
            assertEquals(0, f.stateDict().load("e").size());
            assertEquals(2 + 1, f.stateDict().parameterCount());
            float[] b = f.stateDict().load("b").toArray();
            assertEquals(ByteBuffer.wrap(new byte[] {16, 17, 18, 19}).order(ByteOrder.LITTLE_ENDIAN).getFloat(), b[0]);
        }
    }

    @Test
    void truncatedFiles() throws IOException {
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[5]);
        assertOpenFails(tiny, "truncated: 5 bytes");
        assertOpenFails(file("short-header.safetensors", 200, "{}", 0), "truncated: the header claims 200 bytes but the file has only 2");
        assertOpenFails(file("short-data.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
                "truncated: tensor a ends at byte 16 of the data section, which has only 8 bytes");
    }

    @Test
    void absurdHeaderLengths() throws IOException {
        assertOpenFails(file("huge.safetensors", 1L << 40, "{}", 0), "header length 1099511627776 bytes is absurd");
        assertOpenFails(file("negative.safetensors", -1, "{}", 0), "header length 18446744073709551615 bytes is absurd");
    }

    @Test
    void headersThatLie() throws IOException {
        assertOpenFails(file("backwards.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 8),
                "tensor a: data_offsets [8, 4) end before they begin");
        assertOpenFails(file("length.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "tensor a: data_offsets [0, 8) hold 8 bytes but F32 [3] needs 12");
        assertOpenFails(file("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "tensors a [0, 8) and b [4, 12) overlap");
        assertOpenFails(file("negative-dim.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4),
                "tensor a: shape holds -1, not a non-negative integer");
        assertOpenFails(file("offsets.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "tensor a: data_offsets is not an array of 2 integers (missing)");
        assertOpenFails(file("overflow.safetensors", "{\"a\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,4]}}", 4),
                "tensor a: size overflows 64 bits");
    }

    @Test
    void unknownDtype() throws IOException {
        assertOpenFails(file("fp8.safetensors", "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
                "tensor a: unknown dtype F8_E4M3 (supported: [F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL])");
    }

    @Test
    void malformedJson() throws IOException {
        assertOpenFails(file("json.safetensors", "{\"a\": {\"dtype\": ", 0), "malformed JSON header");
        assertOpenFails(file("dup.safetensors", "{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1), "Duplicate field 'a'");
        assertOpenFails(file("array.safetensors", "[1, 2]", 0), "the header is not a JSON object");
        assertOpenFails(file("trailing.safetensors", "{} {}", 0), "malformed JSON header");
        assertOpenFails(file("meta.safetensors", "{\"__metadata__\":{\"n\":1}}", 0), "__metadata__ value of 'n' is not a string: 1");
    }

    @Test
    void wrongKindOfReadIsAClearError() throws IOException {
        Path p = dir.resolve("kinds.safetensors");
        SafeTensorsWriter.write(p, Map.of("i", StoredTensor.ofLongs(new long[] {1L << 40}, 1),
                "f", StoredTensor.of(Tensor.zeros(2))), Map.of());
        try (SafeTensorsFile f = SafeTensorsFile.open(p)) {
            assertFormatError(p, "tensor i I64 [1]: not floating point; read it with toLongs()", () -> f.stateDict().get("i").toFloat());
            assertFormatError(p, "tensor f F32 [2]: not an integer tensor", () -> f.stateDict().get("f").toLongs());
            assertFormatError(p, "element 0 = 1099511627776 does not fit in an int", () -> f.stateDict().get("i").toInts());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> f.stateDict().load("i"));
            assertTrue(e.getMessage().startsWith(p + ": tensor i"), e.getMessage());
            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> f.stateDict().get("nope"));
            assertEquals(p + ": no tensor named nope", missing.getMessage());
        }
    }

    @Test
    void writerLaysOutLikeTheReference() throws IOException {
        Path p = dir.resolve("layout.safetensors");
        Map<String, StoredTensor> t = new LinkedHashMap<>();
        t.put("z", StoredTensor.ofBytes(DType.F16, new int[] {3}, new byte[6]));
        t.put("b", StoredTensor.of(Tensor.wrap(new float[] {1, 2}, 2)));
        t.put("a", StoredTensor.ofLongs(new long[] {7}, 1));
        t.put("c", StoredTensor.of(Tensor.wrap(new float[] {3}, 1)));
        SafeTensorsWriter.write(p, t, Map.of("k", "v"));
        byte[] all = Files.readAllBytes(p);
        int length = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(all.length - 8 - 26, length);
        String header = new String(all, 8, length, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},\"c\":{\"dtype\":\"F32\",\"shape\":[1],"
                + "\"data_offsets\":[16,20]},\"z\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[20,26]}}", header.stripTrailing());
        assertEquals(0, header.length() % 8);
    }

    @Test
    void readingAfterCloseIsAClearError() throws IOException {
        Path p = dir.resolve("closed.safetensors");
        SafeTensorsWriter.write(p, Map.of("x", StoredTensor.of(Tensor.zeros(3))), Map.of());
        SafeTensorsFile f = SafeTensorsFile.open(p);
        StoredTensor x = f.stateDict().get("x");
        f.close();
        assertFormatError(p, "tensor x F32 [3]: read after its file was closed", x::toFloat);
    }

    @Test
    void writingIntoAMissingDirectoryNamesIt() {
        Path p = dir.resolve("no/such/out.safetensors");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SafeTensorsWriter.write(p, Map.of(), Map.of()));
        assertEquals(p.getParent() + ": no such directory to write out.safetensors in", e.getMessage());
    }

    @Test
    void aFailedWriteLeavesNothingBehindAndTheOldFileIntact() throws IOException {
        Path p = dir.resolve("out.safetensors");
        Files.writeString(p, "old");
        StoredTensor broken = new StoredTensor("memory", "broken", DType.F32, new int[] {4}, () -> {
            throw new IOException("disk on fire");
        });
        Map<String, StoredTensor> t = Map.of("a", StoredTensor.of(Tensor.zeros(1000)), "b", broken);
        IOException e = assertThrows(IOException.class, () -> SafeTensorsWriter.write(p, t, Map.of()));
        assertEquals("disk on fire", e.getMessage());
        assertEquals("old", Files.readString(p));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList());
        }
    }
}
