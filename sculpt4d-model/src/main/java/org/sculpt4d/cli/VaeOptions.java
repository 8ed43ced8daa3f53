package org.sculpt4d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;
import picocli.CommandLine.Option;

/** The options that name a VAE: its weights and its config ({@code config.yaml}, or the released configuration). */
final class VaeOptions {
    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "VAE weights: safetensors or torch checkpoint, flat or the combined DiT checkpoint's vae entry.")
    Path weights;

    @Option(names = "--config", paramLabel = "YAML",
            description = "The matching config.yaml (default: the released Hunyuan3D 2.1 VAE configuration).")
    Path config;

    ShapeVaeConfig config() throws IOException {
        return config == null ? ShapeVaeConfig.released() : ShapeVaeConfig.fromYaml(config);
    }

    ShapeVAE open(ShapeVAE.Parts parts) throws IOException {
        return ShapeVAE.open(weights, config(), parts);
    }

    /** The float tensor {@code key} of a safetensors file, with the rank required. */
    static Tensor readTensor(Path file, String key, int rank) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            if (!f.stateDict().keys().contains(key)) {
                throw new IOException(file + ": no tensor '" + key + "' (has " + f.stateDict().keys() + ")");
            }
            StoredTensor t = f.stateDict().get(key);
            if (t.shape().length != rank) {
                throw new IOException(file + ": '" + key + "' has shape " + Arrays.toString(t.shape()) + ", expected rank "
                        + rank);
            }
            return t.toFloat();
        }
    }
}
