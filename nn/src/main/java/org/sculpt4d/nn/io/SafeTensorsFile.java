package org.sculpt4d.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file (https://github.com/huggingface/safetensors, "Format"), open for lazy reading:
 * <pre>
 *   u64 little-endian N | N bytes of UTF-8 JSON header | data section
 *   header = { "__metadata__": {string: string} (optional),
 *              name: {"dtype": "F16", "shape": [2, 3], "data_offsets": [begin, end)}, ... }
 * </pre>
 * Offsets are relative to the data section. The whole header is checked when the file is opened (every offset
 * inside the data section, byte lengths matching dtype × shape, no two tensors overlapping), so a bad file fails
 * at once with one message naming it; each tensor is then memory-mapped only when it is read, so files of any
 * total size open instantly.
 */
public final class SafeTensorsFile implements Checkpoint {
    /** The reference implementation's limit on the header size. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, String> metadata;
    private final StateDict tensors;

    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
    }

    private SafeTensorsFile(Path file, FileChannel channel, Map<String, String> metadata, long dataStart, List<Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.metadata = Collections.unmodifiableMap(metadata);
        Map<String, StoredTensor> map = new LinkedHashMap<>();
        for (Entry e : entries) {
            map.put(e.name, new StoredTensor(file.toString(), e.name, e.dtype, e.shape,
                    () -> map(dataStart + e.begin, e.end - e.begin)));
        }
        this.tensors = new StateDict(file.toString(), map);
    }

    /** Opens {@code file} and checks its header; throws {@link CheckpointFormatException} when it is not valid. */
    public static SafeTensorsFile open(Path file) throws IOException {
        return ChannelReader.open(file, SafeTensorsFile::read);
    }

    private static SafeTensorsFile read(Path file, FileChannel ch) throws IOException {
        String name = file.toString();
        long size = ch.size();
        if (size < 8) {
            throw new CheckpointFormatException(name, "truncated: " + size
                    + " bytes, shorter than the 8-byte header length of a safetensors file");
        }
        long headerLength = readFully(name, ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(name, "header length " + Long.toUnsignedString(headerLength)
                    + " bytes is absurd (limit " + MAX_HEADER_BYTES + "): not a safetensors file, or a corrupt one");
        }
        if (8 + headerLength > size) {
            throw new CheckpointFormatException(name, "truncated: the header claims " + headerLength
                    + " bytes but the file has only "
                    + (size - 8) + " after the length");
        }
        JsonNode root;
        try {
            root = JSON.readTree(readFully(name, ch, 8, (int) headerLength).array());
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(name, "malformed JSON header: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset()));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(name, "the header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            if (f.getKey().equals("__metadata__")) readMetadata(name, f.getValue(), metadata);
            else entries.add(readEntry(name, f.getKey(), f.getValue(), dataLength));
        }
        checkNoOverlap(name, entries);
        return new SafeTensorsFile(file, ch, metadata, dataStart, entries);
    }

    private static void readMetadata(String file, JsonNode node, Map<String, String> out) throws CheckpointFormatException {
        if (!node.isObject()) throw new CheckpointFormatException(file, "__metadata__ is not a JSON object");
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new CheckpointFormatException(file, "__metadata__ value of '" + m.getKey()
                        + "' is not a string: " + m.getValue());
            }
            out.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry readEntry(String file, String key, JsonNode node, long dataLength) throws CheckpointFormatException {
        String what = "tensor " + key;
        if (!node.isObject()) throw new CheckpointFormatException(file, what + ": header entry is not a JSON object");
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) throw new CheckpointFormatException(file, what + ": missing dtype");
        DType dtype = DType.fromSafetensorsName(dt.textValue());
        if (dtype == null) {
            throw new CheckpointFormatException(file, what + ": unknown dtype " + dt.textValue() + " (supported: "
                    + DType.supportedNames() + ")");
        }
        long[] shapeL = longs(file, what, node.get("shape"), "shape", -1);
        long[] offsets = longs(file, what, node.get("data_offsets"), "data_offsets", 2);
        int[] shape = new int[shapeL.length];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shapeL[i] > Integer.MAX_VALUE) {
                throw new CheckpointFormatException(file, what + ": dimension " + shapeL[i] + " is too large");
            }
            shape[i] = (int) shapeL[i];
            numel = multiply(file, what, numel, shape[i]);
        }
        long begin = offsets[0], end = offsets[1];
        if (end < begin) {
            throw new CheckpointFormatException(file, what + ": data_offsets [" + begin + ", " + end
                    + ") end before they begin");
        }
        long bytes = multiply(file, what, numel, dtype.size());
        if (end - begin != bytes) {
            throw new CheckpointFormatException(file, what + ": data_offsets [" + begin + ", " + end + ") hold "
                    + (end - begin)
                    + " bytes but " + dtype + " " + Arrays.toString(shape) + " needs " + bytes);
        }
        if (end > dataLength) {
            throw new CheckpointFormatException(file, "truncated: tensor " + key + " ends at byte " + end
                    + " of the data section, which has only " + dataLength + " bytes");
        }
        return new Entry(key, dtype, shape, begin, end);
    }

    /** A JSON array of non-negative integers ({@code length} of them unless negative). */
    private static long[] longs(String file, String what, JsonNode node, String field, int length)
            throws CheckpointFormatException {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new CheckpointFormatException(file, what + ": " + field + " is not "
                    + (length >= 0 ? "an array of " + length + " integers" : "an array of integers")
                    + (node == null ? " (missing)" : ": " + node));
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new CheckpointFormatException(file, what + ": " + field + " holds " + v
                        + ", not a non-negative integer");
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static long multiply(String file, String what, long a, long b) throws CheckpointFormatException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(file, what + ": size overflows 64 bits");
        }
    }

    private static void checkNoOverlap(String file, List<Entry> entries) throws CheckpointFormatException {
        List<Entry> sorted = new ArrayList<>();
        for (Entry e : entries) if (e.end > e.begin) sorted.add(e);
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < sorted.size(); i++) {
            Entry a = sorted.get(i - 1), b = sorted.get(i);
            if (b.begin < a.end) {
                throw new CheckpointFormatException(file, "tensors " + a.name + " [" + a.begin + ", " + a.end + ") and "
                        + b.name + " [" + b.begin + ", " + b.end + ") overlap");
            }
        }
    }

    private static ByteBuffer readFully(String file, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new CheckpointFormatException(file, "truncated: the file ends before byte " + (position + length));
            }
        }
        return b.flip();
    }

    private ByteBuffer map(long position, long length) throws IOException {
        if (length == 0) return ByteBuffer.allocate(0);
        return channel.map(FileChannel.MapMode.READ_ONLY, position, length);
    }

    @Override
    public Path file() {
        return file;
    }

    /** The {@code __metadata__} strings (empty when the file has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public StateDict stateDict() {
        return tensors;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
