package org.sculpt4d.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sculpt4d.nn.io.CheckpointConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sculpt4d convert IN OUT [--select model]}: a {@code torch.save} checkpoint (or safetensors) to safetensors
 * with the same key names and dtypes. The output appears only once complete.
 */
@Command(name = "convert", description = "Convert a torch checkpoint (.ckpt/.pt) to safetensors, same key names.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "A torch.save archive or a safetensors file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The safetensors file to write.")
    Path out;

    @Option(names = "--select", paramLabel = "PART",
            description = "Write only the tensors under PART. (model, vae, conditioner), without that prefix.")
    String select;

    @Override
    public Integer call() throws Exception {
        CheckpointConverter.Summary s = CheckpointConverter.convert(in, out, select);
        System.out.printf("wrote %s: %d tensors, %,d parameters, %,d bytes%n", out, s.tensors(), s.parameters(),
                s.bytes());
        return 0;
    }
}
