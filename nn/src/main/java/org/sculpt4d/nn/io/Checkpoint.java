package org.sculpt4d.nn.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An open weights file: a safetensors file or a {@code torch.save} zip archive, told apart by their first bytes.
 * Tensors are read lazily from memory-mapped windows of the file, so the file stays open until {@link #close()};
 * tensors already read are plain Java arrays and outlive it.
 */
public sealed interface Checkpoint extends Closeable permits SafeTensorsFile, TorchCheckpoint {
    Path file();

    /** Every tensor by flat dotted name. */
    StateDict stateDict();

    /** Opens {@code file} as {@link TorchCheckpoint} when it is a zip archive, otherwise as {@link SafeTensorsFile}. */
    static Checkpoint open(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
        if (Files.isDirectory(file)) {
            throw new CheckpointFormatException(file.toString(), "is a directory, not a weights file");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) return TorchCheckpoint.open(file);
        if (startsWith(head, 0x80, 2, 0x8A, 0x0A)) {
            // pickle protocol 2 opening with torch's 10-byte magic number
            throw new CheckpointFormatException(file.toString(), "the legacy torch.save format (before PyTorch 1.6) is "
                    + "not supported; re-save it with a recent torch.save or convert it to safetensors");
        }
        return SafeTensorsFile.open(file);
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((head[i] & 0xFF) != magic[i]) return false;
        return true;
    }
}
