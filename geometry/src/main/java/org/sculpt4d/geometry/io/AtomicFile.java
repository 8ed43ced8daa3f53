package org.sculpt4d.geometry.io;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic file replacement: the content goes to a fresh temporary file beside the target, which is forced to disk and
 * then renamed over the target, so a reader never sees a partly written file and a failed write leaves the old one.
 */
public final class AtomicFile {
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    /** Writes the content of a file to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    public static void write(Path file, Content content) throws IOException {
        // a fresh name beside the target, created like any new file (so with the usual permissions, which
        // Files.createTempFile would narrow to the owner)
        String unique = ProcessHandle.current().pid() + "-" + TEMP_COUNTER.incrementAndGet();
        Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + unique + ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(Files.createFile(tmp).toFile())) {
                content.writeTo(out);
                out.getChannel().force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
