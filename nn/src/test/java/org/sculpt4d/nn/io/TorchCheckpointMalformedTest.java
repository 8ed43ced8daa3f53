package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.nn.io.Fixtures.assertFormatError;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives torch.save never writes, built from the fixtures or by hand. */
class TorchCheckpointMalformedTest {
    @TempDir
    Path dir;

    private static byte[] floats(ByteOrder order, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
        for (float f : v) b.putFloat(f);
        return b.array();
    }

    /** An archive holding {@code data.pkl} = {@code pickle} and storage 0 = {@code storage}. */
    private Path archive(String name, byte[] pickle, byte[] storage) throws IOException {
        Map<String, byte[]> r = new LinkedHashMap<>();
        r.put("archive/data.pkl", pickle);
        r.put("archive/data/0", storage);
        r.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        Path p = dir.resolve(name);
        TorchZip.write(p, r, false);
        return p;
    }

    private static void assertOpenFails(Path p, String phrase) {
        assertFormatError(p, phrase, () -> Checkpoint.open(p).close());
    }

    @Test
    void zip64ArchivesReadLikeTheOriginal() throws IOException {
        Path p = dir.resolve("zip64.ckpt");
        TorchZip.write(p, TorchZip.records(Fixtures.path("nested_f16.ckpt")), true);
        try (Checkpoint c = Checkpoint.open(p)) {
            TorchCheckpointTest.assertMatchesExpected("nested_f16", c.stateDict());
        }
    }

    @Test
    void deflatedArchivesWrittenByOtherToolsRead() throws IOException {
        Path p = dir.resolve("deflated.ckpt");
        try (OutputStream out = Files.newOutputStream(p); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> r : TorchZip.records(Fixtures.path("views.ckpt")).entrySet()) {
                z.putNextEntry(new ZipEntry(r.getKey()));
                z.write(r.getValue());
                z.closeEntry();
            }
        }
        try (Checkpoint c = Checkpoint.open(p)) {
            TorchCheckpointTest.assertMatchesExpected("views", c.stateDict());
        }
    }

    @Test
    void bigEndianArchivesAreSwapped() throws IOException {
        Map<String, byte[]> r = new LinkedHashMap<>();
        r.put("archive/data.pkl", PickleBytes.dictOfOneTensor("w", "FloatStorage", "0", 4, 0, new int[] {2, 2}, new int[] {1, 2}));
        r.put("archive/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        r.put("archive/data/0", floats(ByteOrder.BIG_ENDIAN, 1, 2, 3, 4));
        Path p = dir.resolve("big.ckpt");
        TorchZip.write(p, r, false);
        try (Checkpoint c = Checkpoint.open(p)) {
            assertArrayEquals(new float[] {1, 3, 2, 4}, c.stateDict().load("w").toArray(), "transposed and byte-swapped");
            assertArrayEquals(floats(ByteOrder.LITTLE_ENDIAN, 1, 3, 2, 4), Fixtures.bytes(c.stateDict().get("w")));
        }
        r.put("archive/byteorder", "middle".getBytes(StandardCharsets.US_ASCII));
        TorchZip.write(p, r, false);
        assertOpenFails(p, "archive/byteorder says 'middle', not little or big");
    }

    @Test
    void viewsOutsideTheirStorage() throws IOException {
        byte[] four = floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4);
        assertOpenFails(archive("beyond.ckpt", PickleBytes.dictOfOneTensor("w", "FloatStorage", "0", 4, 1, new int[] {4}, new int[] {1}), four),
                "storage 0: a view (offset 1, size [4], stride [1]) reaches element 4 of a storage of 4");
        assertOpenFails(archive("short.ckpt", PickleBytes.dictOfOneTensor("w", "FloatStorage", "0", 8, 0, new int[] {8}, new int[] {1}), four),
                "truncated: storage 0: record archive/data/0 has 16 bytes, too few for 8 F32 elements");
        assertOpenFails(archive("missing.ckpt", PickleBytes.dictOfOneTensor("w", "FloatStorage", "7", 4, 0, new int[] {4}, new int[] {1}), four),
                "storage 7: no record archive/data/7");
        assertOpenFails(archive("complex.ckpt", PickleBytes.dictOfOneTensor("w", "ComplexFloatStorage", "0", 2, 0, new int[] {2}, new int[] {1}), four),
                "unsupported storage type torch.ComplexFloatStorage");
    }

    @Test
    void oneStorageAsTwoTypes() throws IOException {
        byte[] pickle = new PickleBytes().op(0x80, 2, '}', '(')
                .str("a").tensor("FloatStorage", "0", 4, 0, new int[] {4}, new int[] {1})
                .str("b").tensor("IntStorage", "0", 4, 0, new int[] {4}, new int[] {1})
                .op('u', '.').bytes();
        assertOpenFails(archive("twotypes.ckpt", pickle, new byte[16]), "storage 0 is used both as 4 F32 and as 4 I32");
    }

    @Test
    void picklesThatAreNotPlainData() throws IOException {
        byte[] none = new byte[16];
        assertOpenFails(archive("module.ckpt", new PickleBytes().op(0x80, 2).global("torch.nn.modules.linear", "Linear")
                .op(')', 0x81, '.').bytes(), none), "refused global torch.nn.modules.linear.Linear");
        assertOpenFails(archive("opcode.ckpt", new PickleBytes().op(0x80, 2, 'P').bytes(), none), "unsupported pickle opcode 0x50");
        byte[] good = PickleBytes.dictOfOneTensor("w", "FloatStorage", "0", 4, 0, new int[] {4}, new int[] {1});
        assertOpenFails(archive("cut.ckpt", Arrays.copyOf(good, good.length - 30), none), "truncated pickle");
        assertOpenFails(archive("underflow.ckpt", new PickleBytes().op(0x80, 2, 's', '.').bytes(), none), "stack underflow");
        assertOpenFails(archive("memo.ckpt", new PickleBytes().op(0x80, 2, 'h', 9, '.').bytes(), none), "memo entry 9 was never stored");
        assertOpenFails(archive("proto.ckpt", new PickleBytes().op(0x80, 9, 'N', '.').bytes(), none), "pickle protocol 9 is not supported");
        assertOpenFails(archive("deep.ckpt", deepDicts(100), none), "nested more than 64 levels deep");
    }

    /** {@code {'k': {'k': ... {} ...}}}, {@code depth} levels. */
    private static byte[] deepDicts(int depth) {
        PickleBytes p = new PickleBytes().op(0x80, 2);
        for (int i = 0; i < depth; i++) p.op('}').str("k");
        p.op('}');
        for (int i = 0; i < depth; i++) p.op('s');
        return p.op('.').bytes();
    }

    @Test
    void truncatedAndForeignFiles() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.path("nested_f16.ckpt"));
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertOpenFails(cut, "not a zip archive, or a truncated one");

        Path noPickle = dir.resolve("nopickle.ckpt");
        TorchZip.write(noPickle, Map.of("archive/version", new byte[] {'3'}), false);
        assertOpenFails(noPickle, "a zip archive without <archive>/data.pkl: not a torch.save checkpoint");

        Path legacy = dir.resolve("legacy.pt");
        Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8A, 10, 0x6C, (byte) 0xFC, (byte) 0x9C, 0x46, (byte) 0xF9});
        assertOpenFails(legacy, "the legacy torch.save format (before PyTorch 1.6) is not supported");

        Path missing = dir.resolve("nope.ckpt");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Checkpoint.open(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertOpenFails(dir, "is a directory");
    }

    @Test
    void aStorageRecordCutShortAfterOpening() throws IOException {
        // the central directory is intact but a record's data runs past the end of the file
        Map<String, byte[]> r = new LinkedHashMap<>();
        r.put("archive/data.pkl", PickleBytes.dictOfOneTensor("w", "FloatStorage", "0", 4, 0, new int[] {4}, new int[] {1}));
        r.put("archive/data/0", floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4));
        Path p = dir.resolve("lying.ckpt");
        TorchZip.write(p, r, false);
        byte[] b = Files.readAllBytes(p);
        // central directory entry of data/0: compressed and uncompressed sizes (offsets 20, 24) claim 1 MB
        int cd = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(b.length - 22 + 16);
        int second = cd + 46 + "archive/data.pkl".length();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(second + 20, 1 << 20).putInt(second + 24, 1 << 20);
        Files.write(p, b);
        try (Checkpoint c = Checkpoint.open(p)) {
            IOException e = assertThrows(IOException.class, () -> c.stateDict().get("w").toFloat());
            assertTrue(e.getMessage().startsWith(p + ": truncated: zip entry archive/data/0 needs bytes up to"), e.getMessage());
        }
    }
}
