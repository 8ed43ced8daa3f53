package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DinoConfigTest {
    @TempDir
    Path dir;

    private static final String CONDITIONER = """
            conditioner:
              target: hy3dshape.models.conditioner.SingleImageEncoder
              params:
                main_image_encoder:
                  type: %s
                  kwargs:
                    config:
                      attention_probs_dropout_prob: 0.0
                      drop_path_rate: 0.0
                      hidden_act: %s
                      hidden_dropout_prob: 0.0
                      hidden_size: 1024
                      image_size: 518
                      initializer_range: 0.02
                      layer_norm_eps: 1.e-6
                      layerscale_value: 1.0
                      mlp_ratio: 4
                      model_type: dinov2
                      num_attention_heads: 16
                      num_channels: 3
                      num_hidden_layers: 24
                      patch_size: 14
                      qkv_bias: true
                      torch_dtype: float32
                      use_swiglu_ffn: false
                    use_cls_token: true
                    image_size: 518
            """;

    /** Spec §4.2: the conditioner section of the released config.yaml is DINOv2-L at 518 with the CLS token. */
    @Test
    void readsTheReleasedConditioner() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, "model:\n  target: x\n" + CONDITIONER.formatted("DinoImageEncoder", "gelu"));
        assertEquals(DinoConfig.large(), DinoConfig.fromYaml(file));
    }

    /** Another encoder type and an unsupported activation are refused, naming the file and the value. */
    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        Path clip = dir.resolve("clip.yaml");
        Files.writeString(clip, CONDITIONER.formatted("CLIPImageEncoder", "gelu"));
        IOException e = assertThrows(IOException.class, () -> DinoConfig.fromYaml(clip));
        assertTrue(e.getMessage().startsWith(clip.toString()) && e.getMessage().contains("CLIPImageEncoder"), e.getMessage());
        Path swish = dir.resolve("swish.yaml");
        Files.writeString(swish, CONDITIONER.formatted("DinoImageEncoder", "silu"));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> DinoConfig.fromYaml(swish));
        assertTrue(e2.getMessage().startsWith(swish.toString()) && e2.getMessage().contains("hidden_act = silu"), e2.getMessage());
    }
}
