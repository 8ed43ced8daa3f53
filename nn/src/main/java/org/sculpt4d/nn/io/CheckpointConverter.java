package org.sculpt4d.nn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts a checkpoint ({@code torch.save} archive or safetensors) to a safetensors file with the same tensor names,
 * nested dicts joined with '.' ({@code model.blocks.0.attn1.to_q.weight}). Every tensor keeps its dtype and bits: the
 * official fp16 checkpoints stay F16 (half the size of F32, and widening to float32 on load is exact anyway).
 * Tensors are streamed one at a time, so a 7 GB checkpoint converts in little heap; the output appears only once
 * complete.
 */
public final class CheckpointConverter {
    /** What was written. */
    public record Summary(int tensors, long parameters, long bytes) {
    }

    private CheckpointConverter() {
    }

    /**
     * Converts {@code in} to {@code out}. With {@code select} (e.g. "model", "vae", "conditioner"; null for all),
     * only the tensors under {@code select.} are written, with that prefix removed: the result is the sub-module's
     * own state dict. The output metadata records {@code format=pt} (the Hugging Face convention for PyTorch
     * tensors), the source file name and the selection.
     */
    public static Summary convert(Path in, Path out, String select) throws IOException {
        try (Checkpoint ckpt = Checkpoint.open(in)) {
            StateDict sd = select == null ? ckpt.stateDict() : ckpt.stateDict().select(select);
            if (sd.size() == 0) throw new CheckpointFormatException(in.toString(), "holds no tensors");
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", "pt");
            metadata.put("source", in.getFileName().toString());
            if (select != null) metadata.put("select", select);
            SafeTensorsWriter.write(out, sd.tensors(), metadata);
            return new Summary(sd.size(), sd.parameterCount(), Files.size(out));
        }
    }
}
