package org.sculpt4d.nn.io;

import java.io.IOException;

/**
 * A checkpoint file (safetensors or {@code torch.save}) that cannot be read as one: truncated, with a header that
 * contradicts itself, an unsupported dtype, or a pickle that asks for something the restricted unpickler refuses.
 * The message always starts with the file and says what is wrong.
 */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public CheckpointFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The file, as given when it was opened. */
    public String file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
