package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.conditioning.DinoLayout;
import org.sculpt4d.dit.DitLayout;
import org.sculpt4d.geometry.io.MeshFiles;
import org.sculpt4d.nn.SeededWeights;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.pipeline.ShapeModels;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeLayout;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code generate} on a tiny model in the official layout: a {@code hunyuan3d-dit-v2-1}-style folder with
 * {@code config.yaml} and one checkpoint holding {@code model.*}, {@code vae.*} and {@code conditioner.*}.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;
    Path weights, images;

    @BeforeEach
    void tinyModelAndFrames() throws IOException {
        ShapeModels m = org.sculpt4d.pipeline.Sculpt4DPipelineTest.tiny(1);
        weights = Files.createDirectories(dir.resolve("hunyuan3d-dit-v2-1"));
        Map<String, StoredTensor> all = new LinkedHashMap<>();
        put(all, "model.", SeededWeights.of(DitLayout.of(m.dit().config()), 1));
        put(all, "vae.", SeededWeights.of(ShapeVaeLayout.of(m.vae().config(), ShapeVAE.Parts.ALL), 2));
        put(all, "conditioner.", SeededWeights.of(DinoLayout.of(m.conditioner().config()), 3));
        SafeTensorsWriter.write(weights.resolve("model.fp16.safetensors"), all, Map.of());
        var c = m.conditioner().config();
        Map<String, Object> dino = new LinkedHashMap<>(Map.of("hidden_size", c.hiddenSize(), "num_hidden_layers", c.layers(),
                "num_attention_heads", c.heads(), "mlp_ratio", c.mlpRatio(), "hidden_act", "gelu", "layer_norm_eps",
                c.layerNormEps(), "image_size", c.positionImageSize(), "patch_size", c.patchSize(), "num_channels", 3,
                "qkv_bias", c.qkvBias()));
        dino.putAll(Map.of("layerscale_value", 1.0, "use_swiglu_ffn", false));
        Map<String, Object> config = Map.of(
                "model", Map.of("target", "hy3dshape.models.denoisers.hunyuandit.HunYuanDiTPlain", "params", m.dit().config().toMap()),
                "vae", Map.of("target", "hy3dshape.models.autoencoders.ShapeVAE", "params", m.vae().config().toMap()),
                "conditioner", Map.of("params", Map.of("main_image_encoder", Map.of("type", "DinoImageEncoder",
                        "kwargs", Map.of("config", dino, "use_cls_token", c.useClsToken(), "image_size", c.imageSize())))));
        Files.writeString(weights.resolve("config.yaml"), new Yaml().dump(config));
        images = Files.createDirectories(dir.resolve("frames"));
        for (int t = 0; t < 3; t++) {
            BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
            for (int y = 8 + t; y < 30; y++) {
                for (int x = 10; x < 32 - t; x++) img.setRGB(x, y, 0xFF000000 | (x * 7) << 16 | (y * 5) << 8 | 40 * t);
            }
            ImageIO.write(img, "png", images.resolve("f" + t + ".png").toFile());
        }
    }

    private static void put(Map<String, StoredTensor> all, String prefix, Map<String, Tensor> tensors) {
        tensors.forEach((k, v) -> all.put(prefix + k, StoredTensor.of(v)));
    }

    @Test
    void writesMeshesInputsAndManifest() throws IOException {
        Path out = dir.resolve("out");
        MainTest.Run r = MainTest.run("generate", "--images", images.toString(), "--weights", weights.toString(),
                "--out", out.toString(), "--steps", "2", "--octree-resolution", "8", "--frames", "2", "--mask", "no-sink",
                "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("frame-000.obj", "frame-001.obj", "inputs/frame-000.png", "inputs/frame-001.png", "index.html", "run.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("frame-002.obj")));
        MeshFiles.read(out.resolve("frame-000.obj")); // reads back as a mesh
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("generate", run.get("command").asText());
        assertEquals("no-sink", run.at("/arguments/mask").asText());
        assertEquals(64, run.at("/weights/sha256").asText().length());
        assertTrue(run.at("/weights/path").asText().endsWith("model.fp16.safetensors"));
        try (var list = Files.list(out)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** A checkpoint that lacks a key is refused before anything is generated, naming the file and the key. */
    @Test
    void aMissingKeyIsNamed() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.copy(weights.resolve("config.yaml"), broken.resolve("config.yaml"));
        Map<String, StoredTensor> some = new LinkedHashMap<>();
        put(some, "conditioner.", SeededWeights.of(DinoLayout.of(org.sculpt4d.pipeline.Sculpt4DPipelineTest.tiny(1)
                .conditioner().config()), 3));
        SafeTensorsWriter.write(broken.resolve("model.fp16.safetensors"), some, Map.of());
        Path out = dir.resolve("out2");
        MainTest.Run r = MainTest.run("generate", "--images", images.toString(), "--weights", broken.toString(),
                "--out", out.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("model.fp16.safetensors") && r.err().contains("missing"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out.resolve("run.json")));
    }

    @Test
    void aFolderWithoutCheckpointOrFramesIsOneLine() {
        MainTest.Run r = MainTest.run("generate", "--images", images.toString(), "--weights", dir.resolve("frames").toString(),
                "--out", dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no checkpoint in this folder"), r.err());
        r = MainTest.run("generate", "--images", weights.toString(), "--weights", weights.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no .png frames"), r.err());
    }
}
