package org.sculpt4d.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.DinoLayout;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.DitLayout;
import org.sculpt4d.dit.HunyuanDiT;
import org.sculpt4d.nn.SeededWeights;
import org.sculpt4d.nn.io.Checkpoint;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;
import org.sculpt4d.vae.ShapeVaeLayout;

/**
 * The three networks of Hunyuan3D 2.1's image-to-shape generation (spec hunyuan3d21-shape.md §7.1): the image
 * conditioner (DINOv2), the DiT, and the VAE's decode path. They come from the official layout unchanged, or are
 * seeded random networks of a given size (the demo's untrained model, {@link #seeded}).
 *
 * @param description where the weights come from, for manifests and for saying plainly when they are random
 * @param source      the checkpoint file, or null for seeded weights
 */
public record ShapeModels(DinoImageEncoder conditioner, HunyuanDiT dit, ShapeVAE vae, String description, Path source) {
    /** The checkpoint names {@link #open} looks for in a {@code hunyuan3d-dit-v2-1} folder, in this order. */
    static final List<String> CHECKPOINT_NAMES = List.of("model.fp16.ckpt", "model.fp16.safetensors", "model.safetensors",
            "model.ckpt");

    public ShapeModels {
        DitConfig d = dit.config();
        ShapeVaeConfig v = vae.config();
        DinoConfig c = conditioner.config();
        if (d.inChannels() != v.embedDim()) {
            throw new IllegalArgumentException(description + ": the DiT's in_channels " + d.inChannels()
                    + " differs from the VAE's embed_dim " + v.embedDim());
        }
        if (d.contextDim() != c.hiddenSize()) {
            throw new IllegalArgumentException(description + ": the DiT's context_dim " + d.contextDim()
                    + " differs from the image encoder's hidden size " + c.hiddenSize());
        }
    }

    /**
     * Loads from {@code weights}: a {@code hunyuan3d-dit-v2-1} folder ({@code config.yaml} and {@code model.fp16.ckpt},
     * whose {@code model}, {@code vae} and {@code conditioner} entries are used unchanged), or a checkpoint file with
     * the same keys, configured by a {@code config.yaml} beside it or else by the released configuration.
     */
    public static ShapeModels open(Path weights) throws IOException {
        Path file = weights, config;
        if (Files.isDirectory(weights)) {
            file = CHECKPOINT_NAMES.stream().map(weights::resolve).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IOException(weights + ": no checkpoint in this folder (looked for "
                            + String.join(", ", CHECKPOINT_NAMES) + ")"));
            config = weights.resolve("config.yaml");
            if (!Files.isRegularFile(config)) throw new IOException(weights + ": no config.yaml in this folder");
        } else if (Files.isRegularFile(weights)) {
            config = weights.resolveSibling("config.yaml");
        } else {
            throw new IOException(weights + ": no such file or folder");
        }
        boolean configured = Files.isRegularFile(config);
        DitConfig dc = configured ? DitConfig.fromYaml(config) : DitConfig.released();
        ShapeVaeConfig vc = configured ? ShapeVaeConfig.fromYaml(config) : ShapeVaeConfig.released();
        DinoConfig ic = configured ? DinoConfig.fromYaml(config) : DinoConfig.large();
        try (Checkpoint checkpoint = Checkpoint.open(file)) { // one parse of the file for all three networks
            StateDict all = checkpoint.stateDict();
            return new ShapeModels(DinoImageEncoder.fromCheckpoint(all, ic), HunyuanDiT.fromCheckpoint(all, dc),
                    ShapeVAE.fromCheckpoint(all, vc, ShapeVAE.Parts.DECODE_PATH), file.toString(), file);
        }
    }

    /** Networks of the given sizes with {@link SeededWeights} (untrained: they show every stage, not a shape). */
    public static ShapeModels seeded(DinoConfig ic, DitConfig dc, ShapeVaeConfig vc, long seed) {
        DinoImageEncoder conditioner = DinoImageEncoder.load(
                Weights.of("seeded image encoder", SeededWeights.of(DinoLayout.of(ic), seed)), ic, true);
        HunyuanDiT dit = HunyuanDiT.load(Weights.of("seeded DiT", SeededWeights.of(DitLayout.of(dc), seed + 1)), dc, true);
        ShapeVAE vae = ShapeVAE.load(Weights.of("seeded VAE",
                SeededWeights.of(ShapeVaeLayout.of(vc, ShapeVAE.Parts.DECODE_PATH), seed + 2)), vc, ShapeVAE.Parts.DECODE_PATH, true);
        return new ShapeModels(conditioner, dit, vae, "seeded random weights (seed " + seed + "), untrained", null);
    }
}
