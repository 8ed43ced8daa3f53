package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sculpt4d.tensor.Tensor;

class SafeTensorsProperties {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("safetensors-properties");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<StoredTensor> anyTensor() {
        Arbitrary<List<Integer>> shapes = Arbitraries.integers().between(0, 5).list().ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(DType.class), shapes, Arbitraries.longs()).as((dtype, shape, seed) -> {
            int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
            int n = 1;
            for (int d : s) n *= d;
            byte[] data = new byte[n * dtype.size()];
            new Random(seed).nextBytes(data);
            return StoredTensor.ofBytes(dtype, s, data);
        });
    }

    /** Whatever is written (any dtype, shape, bytes, metadata) is read back identically, and the header is aligned. */
    @Property(tries = 200)
    void writeThenReadGivesTheSameTensorsAndMetadata(
            @ForAll @Size(max = 6) Map<@StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'z') @Chars({'.', '_', '0', '9'}) String,
                    @From("anyTensor") StoredTensor> tensors,
            @ForAll @Size(max = 3) Map<@StringLength(max = 8) @CharRange(from = 'a', to = 'z') String,
                    @StringLength(max = 20) @CharRange(from = ' ', to = '~') @Chars({'\n', 'ü', '✓'}) String> metadata)
            throws IOException {
        Path file = dir.resolve("p.safetensors");
        SafeTensorsWriter.write(file, tensors, metadata);
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertEquals(metadata, f.metadata());
            assertEquals(tensors.keySet(), f.stateDict().keys());
            for (Map.Entry<String, StoredTensor> e : tensors.entrySet()) {
                Fixtures.assertSameTensor(e.getValue(), f.stateDict().get(e.getKey()), e.getKey());
            }
        }
        byte[] all = Files.readAllBytes(file);
        int headerLength = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        String header = new String(all, 8, headerLength, StandardCharsets.UTF_8);
        assertTrue(header.replaceFirst(" *$", "").endsWith("}"), "padded with spaces: " + header);
        JsonNode root = new ObjectMapper().readTree(header);
        if (!metadata.isEmpty()) assertEquals("__metadata__", root.fieldNames().next());
        for (Map.Entry<String, StoredTensor> e : tensors.entrySet()) { // every tensor naturally aligned in the file
            assertEquals(0, root.get(e.getKey()).get("data_offsets").get(0).longValue() % e.getValue().dtype().size(), e.getKey());
        }
    }

    /** F32 round trip is bit-exact, NaN payloads included. */
    @Property(tries = 100)
    void floatTensorsRoundTripBitExactly(@ForAll @Size(max = 64) List<Float> values, @ForAll int nanPayload) throws IOException {
        float[] a = new float[values.size() + 1];
        for (int i = 0; i < values.size(); i++) a[i] = values.get(i);
        a[values.size()] = Float.intBitsToFloat(0x7FC00000 | (nanPayload & 0x3FFFFF));
        Path file = dir.resolve("f.safetensors");
        SafeTensorsWriter.write(file, Map.of("x", StoredTensor.of(Tensor.wrap(a, a.length))), Map.of());
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            float[] b = f.stateDict().load("x").toArray();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]));
        }
    }

    /** I64 via {@link StoredTensor#ofLongs} reads back with toLongs. */
    @Property(tries = 50)
    void longTensorsRoundTrip(@ForAll @Size(min = 1, max = 32) List<Long> values) throws IOException {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Path file = dir.resolve("l.safetensors");
        SafeTensorsWriter.write(file, Map.of("i", StoredTensor.ofLongs(a, 1, a.length)), Map.of("format", "test"));
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertArrayEquals(a, f.stateDict().get("i").toLongs());
            assertArrayEquals(new int[] {1, a.length}, f.stateDict().shape("i"));
        }
    }
}
