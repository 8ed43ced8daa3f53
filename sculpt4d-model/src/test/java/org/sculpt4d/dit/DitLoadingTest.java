package org.sculpt4d.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.nn.WeightLoadException;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.RandomTensors;

class DitLoadingTest {
    private static final long SEED = 11;
    private final DitConfig config = new DitConfig(6, 4, 16, 8, 3, 2, true, DitConfig.QkNormType.RMS, false, 1, 3, 2);

    @TempDir
    Path dir;

    private float[] velocity(HunyuanDiT dit) {
        Tensor x = RandomTensors.uniform(1, 1f, 2, 5, config.inChannels());
        Tensor cond = RandomTensors.uniform(2, 1f, 2, 3, config.contextDim());
        return dit.forward(x, new float[] {0.25f, 0.75f}, cond).toArray();
    }

    /** A missing, a mis-shaped and an unexpected key are all named in one error, before anything is read. */
    @Test
    void everyKeyProblemIsNamed() {
        Map<String, Tensor> w = RandomDit.weights(DitLayout.of(config), SEED);
        w.remove("blocks.1.attn1.to_k.weight");
        w.put("blocks.2.moe.gate.weight", Tensor.zeros(4, 16));
        w.put("blocks.0.skip_linear.weight", Tensor.zeros(16, 32));
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> HunyuanDiT.load(RandomDit.source(w), config, true));
        assertEquals(List.of("missing blocks.1.attn1.to_k.weight [16, 16]",
                "shape of blocks.2.moe.gate.weight is [4, 16], expected [3, 16]",
                "unexpected blocks.0.skip_linear.weight [16, 32]"), e.problems());
        // without strict, only the unexpected key is tolerated
        assertEquals(2, assertThrows(WeightLoadException.class,
                () -> HunyuanDiT.load(RandomDit.source(w), config, false)).problems().size());
    }

    /** Spec §7.1: the DiT is the model entry of the combined checkpoint; a file with the DiT alone opens too. */
    @Test
    void opensTheModelEntryOfACombinedCheckpointOrAFlatFile() throws IOException {
        Map<String, StoredTensor> combined = new LinkedHashMap<>(), flat = new LinkedHashMap<>();
        RandomDit.weights(DitLayout.of(config), SEED).forEach((k, v) -> {
            combined.put("model." + k, StoredTensor.of(v));
            flat.put(k, StoredTensor.of(v));
        });
        combined.put("vae.post_kl.weight", StoredTensor.of(Tensor.zeros(8, 4)));
        combined.put("conditioner.main_image_encoder.weight", StoredTensor.of(Tensor.zeros(2)));
        Path both = dir.resolve("model.safetensors"), alone = dir.resolve("dit.safetensors");
        SafeTensorsWriter.write(both, combined, Map.of());
        SafeTensorsWriter.write(alone, flat, Map.of());
        float[] expected = velocity(RandomDit.build(config, SEED));
        assertArrayEquals(expected, velocity(HunyuanDiT.open(both, config)));
        assertArrayEquals(expected, velocity(HunyuanDiT.open(alone, config)));
    }

    /** The released config from a config.yaml shaped like hunyuan3d-dit-v2-1's (spec §3.1). */
    @Test
    void readsTheReleasedConfigYaml() throws IOException {
        Path yaml = dir.resolve("config.yaml");
        Files.writeString(yaml, """
                model:
                  target: hy3dshape.models.denoisers.hunyuandit.HunYuanDiTPlain
                  params:
                    input_size: &num_latents 4096
                    in_channels: 64
                    hidden_size: 2048
                    context_dim: 1024
                    depth: 21
                    num_heads: 16
                    qk_norm: true
                    text_len: 1370
                    with_decoupled_ca: false
                    use_attention_pooling: false
                    qk_norm_type: 'rms'
                    qkv_bias: false
                    use_pos_emb: false
                    num_moe_layers: 6
                    num_experts: 8
                    moe_top_k: 2
                vae:
                  target: hy3dshape.models.autoencoders.ShapeVAE
                """);
        assertEquals(DitConfig.released(), DitConfig.fromYaml(yaml));
        assertEquals(DitConfig.released(), DitConfig.fromMap(DitConfig.released().toMap(), "toMap"));
    }

    /** A missing key, a switch this port does not implement and an unknown key are each refused by name. */
    @Test
    void configProblemsAreNamed() {
        Map<String, Object> m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.remove("moe_top_k");
        assertMessage("config key 'moe_top_k' is missing", m);
        m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.put("use_attention_pooling", true);
        assertMessage("use_attention_pooling = true is not supported", m);
        m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.put("qk_norm_type", "l2");
        assertMessage("qk_norm_type = l2 is not supported", m);
        m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.put("guidance_cond_proj_dim", 256);
        assertMessage("guidance_cond_proj_dim = 256 is not supported", m);
        m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.put("adaln", true);
        assertMessage("unknown config key(s) [adaln]", m);
        m = new LinkedHashMap<>(DitConfig.released().toMap());
        m.put("num_heads", 3);
        assertMessage("hidden_size 2048 is not a positive multiple of num_heads 3", m);
    }

    private static void assertMessage(String part, Map<String, Object> m) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DitConfig.fromMap(m, "cfg.yaml"));
        assertTrue(e.getMessage().startsWith("cfg.yaml: ") && e.getMessage().contains(part), e.getMessage());
    }
}
