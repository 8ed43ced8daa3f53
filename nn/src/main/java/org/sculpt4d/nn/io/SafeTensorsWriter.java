package org.sculpt4d.nn.io;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes safetensors files (format in {@link SafeTensorsFile}) as the reference implementation lays them out: the
 * JSON header lists {@code __metadata__} first, then the tensors in data order, and is padded with spaces to a
 * multiple of 8 bytes; the data is ordered by element size, largest first, then by name, so that every tensor is
 * naturally aligned (8-byte dtypes, then 4, 2, 1; with a single dtype, simply by name).
 *
 * <p>Tensors are streamed one at a time from {@link StoredTensor#bytes()}, so converting a checkpoint needs no more
 * heap than its largest tensor. The file appears atomically: it is written to a temporary file in the same directory
 * and renamed over {@code file} only when complete; on any failure the temporary file is removed.
 */
public final class SafeTensorsWriter {
    private static final JsonMapper JSON = new JsonMapper();

    private SafeTensorsWriter() {
    }

    /**
     * Writes {@code tensors} (by name; any dtype, e.g. {@link StoredTensor#of} a float tensor for F32,
     * {@link StoredTensor#ofLongs} for I64) and {@code metadata} (may be empty) to {@code file}.
     */
    public static void write(Path file, Map<String, StoredTensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, StoredTensor>> order = new ArrayList<>(tensors.entrySet());
        order.sort(Comparator.<Map.Entry<String, StoredTensor>>comparingInt(e -> -e.getValue().dtype().size())
                .thenComparing(Map.Entry::getKey));
        ByteBuffer header = header(order, metadata);
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such directory to write " + file.getFileName()
                    + " in");
        }
        Path tmp = dir.resolve("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, header);
                for (Map.Entry<String, StoredTensor> e : order) {
                    ByteBuffer data = e.getValue().bytes();
                    if (data.remaining() != e.getValue().byteSize()) {
                        throw new IOException("tensor " + e.getKey() + " gave " + data.remaining() + " bytes, expected "
                                + e.getValue().byteSize());
                    }
                    writeFully(ch, data);
                }
                ch.force(false);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** The 8-byte length and the space-padded JSON header. */
    private static ByteBuffer header(List<Map.Entry<String, StoredTensor>> order, Map<String, String> metadata)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = root.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, StoredTensor> e : order) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor cannot be called __metadata__");
            }
            StoredTensor t = e.getValue();
            ObjectNode info = root.putObject(e.getKey());
            info.put("dtype", t.dtype().name());
            Arrays.stream(t.shape()).forEach(info.putArray("shape")::add);
            info.putArray("data_offsets").add(offset).add(offset + t.byteSize());
            offset += t.byteSize();
        }
        byte[] json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        while (b.hasRemaining()) b.put((byte) ' ');
        return b.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
