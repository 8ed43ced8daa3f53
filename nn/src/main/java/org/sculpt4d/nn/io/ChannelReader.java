package org.sculpt4d.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** How a checkpoint format reads a file from an open channel that it then owns (and closes in its own close()). */
@FunctionalInterface
interface ChannelReader<T> {
    T read(Path file, FileChannel channel) throws IOException;

    /** Opens {@code file} for reading and hands the channel to {@code reader}; closes it if reading fails. */
    static <T> T open(Path file, ChannelReader<T> reader) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return reader.read(file, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }
}
