package org.sculpt4d.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a zip archive, read from its central directory (PKWARE APPNOTE.TXT, sections 4.3.7 to 4.3.16,
 * including the ZIP64 end records and extra fields that archives over 4 GiB need). An entry's data is
 * memory-mapped straight from the file when it is STORED, as {@code torch.save} writes every entry; a DEFLATED
 * entry (an archive re-zipped by another tool) is inflated into memory.
 */
final class ZipArchive {
    private static final int LOCAL_HEADER = 0x04034b50, CENTRAL_HEADER = 0x02014b50, END = 0x06054b50,
            END64 = 0x06064b50, END64_LOCATOR = 0x07064b50;
    private static final int STORED = 0, DEFLATED = 8;
    private static final long MASK32 = 0xFFFFFFFFL;

    record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {
    }

    private final String file;
    private final FileChannel channel;
    private final long fileSize;
    private final Map<String, Entry> entries;

    private ZipArchive(String file, FileChannel channel, long fileSize, Map<String, Entry> entries) {
        this.file = file;
        this.channel = channel;
        this.fileSize = fileSize;
        this.entries = Collections.unmodifiableMap(entries);
    }

    static ZipArchive read(String file, FileChannel ch) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + 0xFFFF);
        ByteBuffer tail = read(file, ch, size - tailLength, tailLength);
        int end = -1;
        for (int i = tailLength - 22; i >= 0 && end < 0; i--) if (tail.getInt(i) == END) end = i;
        if (end < 0) {
            throw new CheckpointFormatException(file, "not a zip archive, or a truncated one: no end of central directory");
        }
        long count = tail.getShort(end + 10) & 0xFFFF;
        long cdSize = tail.getInt(end + 12) & MASK32;
        long cdOffset = tail.getInt(end + 16) & MASK32;
        long cdLimit = size - tailLength + end;
        if (end >= 20 && tail.getInt(end - 20) == END64_LOCATOR) { // ZIP64: the real values are in the ZIP64 end record
            long end64 = tail.getLong(end - 20 + 8);
            if (end64 < 0 || end64 + 56 > cdLimit) {
                throw new CheckpointFormatException(file, "corrupt zip archive: ZIP64 end record outside the file");
            }
            ByteBuffer e64 = read(file, ch, end64, 56);
            if (e64.getInt(0) != END64) {
                throw new CheckpointFormatException(file, "corrupt zip archive: no ZIP64 end record where the locator points");
            }
            count = e64.getLong(32);
            cdSize = e64.getLong(40);
            cdOffset = e64.getLong(48);
            cdLimit = end64;
        }
        if (cdOffset < 0 || cdSize < 0 || cdSize > Integer.MAX_VALUE || cdOffset > cdLimit - cdSize) {
            throw new CheckpointFormatException(file, "truncated or corrupt zip archive: the central directory ["
                    + cdOffset + ", +" + cdSize + ") lies outside the file");
        }
        ByteBuffer cd = read(file, ch, cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            Entry e = centralEntry(file, cd);
            if (entries.put(e.name, e) != null) {
                throw new CheckpointFormatException(file, "zip entry " + e.name + " appears twice");
            }
        }
        return new ZipArchive(file, ch, size, entries);
    }

    /** One central directory file header at {@code cd}'s position; advances past it. */
    private static Entry centralEntry(String file, ByteBuffer cd) throws CheckpointFormatException {
        int p = cd.position();
        if (cd.remaining() < 46 || cd.getInt(p) != CENTRAL_HEADER) {
            throw new CheckpointFormatException(file, "corrupt zip archive: bad central directory entry at offset "
                    + p);
        }
        int flags = cd.getShort(p + 8) & 0xFFFF;
        int method = cd.getShort(p + 10) & 0xFFFF;
        long compressed = cd.getInt(p + 20) & MASK32;
        long size = cd.getInt(p + 24) & MASK32;
        int nameLength = cd.getShort(p + 28) & 0xFFFF, extraLength = cd.getShort(p + 30) & 0xFFFF,
                commentLength = cd.getShort(p + 32) & 0xFFFF;
        long local = cd.getInt(p + 42) & MASK32;
        if (cd.remaining() < 46 + nameLength + extraLength + commentLength) {
            throw new CheckpointFormatException(file, "corrupt zip archive: central directory entry at offset " + p
                    + " runs past its end");
        }
        byte[] nameBytes = new byte[nameLength];
        cd.get(p + 46, nameBytes);
        String name = new String(nameBytes, StandardCharsets.UTF_8);
        if ((flags & 1) != 0) throw new CheckpointFormatException(file, "zip entry " + name + " is encrypted");
        // ZIP64 extended information (header id 0x0001): the 64-bit values of the fields saturated at 0xFFFFFFFF, in order
        for (int x = p + 46 + nameLength, xEnd = x + extraLength; x + 4 <= xEnd; ) {
            int id = cd.getShort(x) & 0xFFFF, length = cd.getShort(x + 2) & 0xFFFF;
            if (id == 1) {
                int v = x + 4, vEnd = Math.min(x + 4 + length, xEnd);
                if (size == MASK32 && v + 8 <= vEnd) { size = cd.getLong(v); v += 8; }
                if (compressed == MASK32 && v + 8 <= vEnd) { compressed = cd.getLong(v); v += 8; }
                if (local == MASK32 && v + 8 <= vEnd) local = cd.getLong(v);
            }
            x += 4 + length;
        }
        cd.position(p + 46 + nameLength + extraLength + commentLength);
        return new Entry(name, method, compressed, size, local);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    /** Bytes {@code [position, position + length)} of {@code e}'s uncompressed data, little-endian. */
    ByteBuffer read(Entry e, long position, long length) throws IOException {
        if (position < 0 || length < 0 || position + length > e.size) {
            throw new CheckpointFormatException(file, "truncated: zip entry " + e.name + " has " + e.size
                    + " bytes, " + (position + length) + " needed");
        }
        if (length == 0) return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        long data = dataOffset(e);
        if (e.method == STORED) {
            if (e.compressedSize != e.size) {
                throw new CheckpointFormatException(file, "corrupt zip archive: stored entry " + e.name + " has "
                        + e.compressedSize + " bytes but claims " + e.size);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, data + position, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (e.method != DEFLATED) {
            throw new CheckpointFormatException(file, "zip entry " + e.name + " uses compression method " + e.method
                    + "; only stored and deflated entries are supported");
        }
        if (e.size > Integer.MAX_VALUE - 8) {
            throw new CheckpointFormatException(file, "zip entry " + e.name + " is too large to inflate");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(channel.map(FileChannel.MapMode.READ_ONLY, data, e.compressedSize));
            ByteBuffer out = ByteBuffer.allocate((int) e.size);
            int n;
            do {
                n = inflater.inflate(out);
            } while (n > 0 && out.hasRemaining());
            if (out.hasRemaining()) {
                throw new CheckpointFormatException(file, "zip entry " + e.name
                        + " inflates to fewer bytes than its declared size");
            }
            return out.flip().slice((int) position, (int) length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException ex) {
            throw new CheckpointFormatException(file, "zip entry " + e.name + " is corrupt: " + ex.getMessage());
        } finally {
            inflater.end();
        }
    }

    /** Where {@code e}'s data starts: after its local file header, whose name and extra field lengths may differ. */
    private long dataOffset(Entry e) throws IOException {
        if (e.localHeaderOffset < 0 || e.localHeaderOffset + 30 > fileSize) {
            throw new CheckpointFormatException(file, "truncated: zip entry " + e.name
                    + " starts beyond the end of the file");
        }
        ByteBuffer h = read(file, channel, e.localHeaderOffset, 30);
        if (h.getInt(0) != LOCAL_HEADER) {
            throw new CheckpointFormatException(file, "corrupt zip archive: no local header for entry " + e.name);
        }
        long data = e.localHeaderOffset + 30 + (h.getShort(26) & 0xFFFF) + (h.getShort(28) & 0xFFFF);
        if (e.compressedSize < 0 || e.compressedSize > fileSize - data) {
            throw new CheckpointFormatException(file, "truncated: zip entry " + e.name + " needs bytes up to "
                    + (data + e.compressedSize)
                    + " but the file has " + fileSize);
        }
        return data;
    }

    private static ByteBuffer read(String file, FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new CheckpointFormatException(file, "truncated: the file ends before byte " + (position + length));
            }
        }
        return b.flip();
    }
}
