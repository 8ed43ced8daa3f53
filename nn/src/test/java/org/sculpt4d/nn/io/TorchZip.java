package org.sculpt4d.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes zip archives laid out like torch.save's (STORED records), optionally in ZIP64 form throughout (every size
 * and offset saturated to 0xFFFFFFFF with the real value in a ZIP64 extra field, plus the ZIP64 end records), as
 * archives over 4 GiB are written. APPNOTE.TXT sections 4.3.7 to 4.3.16, 4.5.3.
 */
final class TorchZip {
    private TorchZip() {
    }

    /** The records of an existing archive, in order. */
    static Map<String, byte[]> records(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.put(entry.getName(), z.getInputStream(entry).readAllBytes());
            }
        }
        return out;
    }

    static void write(Path file, Map<String, byte[]> records, boolean zip64) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        List<byte[]> names = new ArrayList<>();
        for (Map.Entry<String, byte[]> r : records.entrySet()) {
            byte[] name = r.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = r.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            long offset = out.size();
            int sat = zip64 ? -1 : data.length;
            ByteBuffer local = le(30 + name.length + (zip64 ? 20 : 0));
            local.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0x21).putInt((int) crc.getValue()).putInt(sat).putInt(sat)
                    .putShort((short) name.length).putShort((short) (zip64 ? 20 : 0)).put(name);
            if (zip64) local.putShort((short) 1).putShort((short) 16).putLong(data.length).putLong(data.length);
            out.write(local.array());
            out.write(data);
            ByteBuffer c = le(46 + name.length + (zip64 ? 28 : 0));
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(sat).putInt(sat)
                    .putShort((short) name.length).putShort((short) (zip64 ? 28 : 0)).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt(zip64 ? -1 : (int) offset).put(name);
            if (zip64) c.putShort((short) 1).putShort((short) 24).putLong(data.length).putLong(data.length).putLong(offset);
            central.write(c.array());
            names.add(name);
        }
        long cdOffset = out.size();
        out.write(central.toByteArray());
        if (zip64) {
            long end64 = out.size();
            out.write(le(56).putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(names.size()).putLong(names.size()).putLong(central.size()).putLong(cdOffset).array());
            out.write(le(20).putInt(0x07064b50).putInt(0).putLong(end64).putInt(1).array());
        }
        short count = (short) (zip64 ? -1 : names.size());
        out.write(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort(count).putShort(count)
                .putInt(zip64 ? -1 : central.size()).putInt(zip64 ? -1 : (int) cdOffset).putShort((short) 0).array());
        Files.write(file, out.toByteArray());
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
