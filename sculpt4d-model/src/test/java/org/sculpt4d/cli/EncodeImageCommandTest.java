package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.ImagePreprocessor;
import org.sculpt4d.conditioning.RandomDino;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;

class EncodeImageCommandTest {
    @TempDir
    Path dir;

    private Path rgbaPng(String name, int type) throws IOException {
        BufferedImage img = new BufferedImage(40, 30, type);
        for (int y = 5; y < 25; y++) {
            for (int x = 10; x < 35; x++) img.setRGB(x, y, 0xFF000000 | (x * 6) << 16 | (y * 8) << 8 | 90);
        }
        Path file = dir.resolve(name);
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /**
     * A combined checkpoint ({@code conditioner.*} keys) and a config.yaml of a small encoder: the file holds the
     * preprocessed image and the encoder's output for it, and the PNG preview holds the same pixels.
     */
    @Test
    void writesImageAndConditioning() throws IOException {
        DinoConfig c = RandomDino.config(1, 2, 2, true);
        Map<String, Tensor> w = RandomDino.weights(c, 5, 0.5f);
        Map<String, StoredTensor> stored = new LinkedHashMap<>();
        w.forEach((k, v) -> stored.put("conditioner." + k, StoredTensor.of(v)));
        Path ckpt = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(ckpt, stored, Map.of());
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(yaml, """
                conditioner:
                  params:
                    main_image_encoder:
                      type: DinoImageEncoder
                      kwargs:
                        config: {hidden_size: 16, num_hidden_layers: 1, num_attention_heads: 2, mlp_ratio: 4,
                                 hidden_act: gelu, layer_norm_eps: 1.e-6, image_size: 28, patch_size: 14,
                                 num_channels: 3, qkv_bias: true, layerscale_value: 1.0, use_swiglu_ffn: false}
                        use_cls_token: true
                        image_size: 28
                """);
        Path image = rgbaPng("obj.png", BufferedImage.TYPE_INT_ARGB), out = dir.resolve("cond.safetensors");
        Path preview = dir.resolve("pre.png");
        MainTest.Run r = MainTest.run("encode-image", image.toString(), out.toString(), "--weights", ckpt.toString(),
                "--config", yaml.toString(), "--png", preview.toString());
        assertEquals(0, r.code(), r.err());
        Tensor want = ImagePreprocessor.hunyuan().load(image);
        try (SafeTensorsFile f = SafeTensorsFile.open(out)) {
            StateDict sd = f.stateDict();
            assertArrayEquals(want.toArray(), sd.load("image").toArray());
            assertArrayEquals(new int[] {1, 3, 512, 512}, sd.shape("image"));
            Tensor cond = DinoImageEncoder.load(RandomDino.of(w), c, true).encode(want);
            assertArrayEquals(new int[] {1, 5, 16}, sd.shape("cond"));
            assertArrayEquals(cond.toArray(), sd.load("cond").toArray());
        }
        BufferedImage back = ImageIO.read(preview.toFile());
        assertEquals(512, back.getWidth());
        for (int y = 0; y < 512; y += 37) {
            for (int x = 0; x < 512; x += 41) {
                int g = (back.getRGB(x, y) >> 8) & 0xFF;
                assertEquals(want.get(1, y, x), g / 255f * 2f - 1f, 1e-6f);
            }
        }
    }

    /** An RGB image is one error line naming the file; nothing is written. */
    @Test
    void rgbImageIsOneLineAndWritesNothing() throws IOException {
        Path image = rgbaPng("photo.png", BufferedImage.TYPE_INT_RGB), out = dir.resolve("cond.safetensors");
        MainTest.Run r = MainTest.run("encode-image", image.toString(), out.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(image.toString()) && r.err().contains("alpha"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(Files.exists(out));
    }
}
