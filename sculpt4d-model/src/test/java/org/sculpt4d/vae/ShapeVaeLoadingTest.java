package org.sculpt4d.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.nn.WeightLoadException;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.RandomTensors;

class ShapeVaeLoadingTest {
    private static final long SEED = 7;
    private final ShapeVaeConfig config = RandomVae.config(SEED);
    private final Tensor z = RandomTensors.uniform(3, 1f, config.numLatents(), config.embedDim());

    @TempDir
    Path dir;

    @Test
    void opensAFlatVaeFile() throws IOException {
        ShapeVAE vae = ShapeVAE.open(RandomVae.write(dir, config, ShapeVAE.Parts.ALL, SEED), config, ShapeVAE.Parts.ALL);
        assertArrayEquals(RandomVae.build(config, SEED).decode(z).toArray(), vae.decode(z).toArray());
    }

    /** Spec §7.1: the DiT checkpoint holds model.*, vae.*, conditioner.*; the VAE is its vae entry. */
    @Test
    void opensTheVaeEntryOfACombinedCheckpoint() throws IOException {
        Map<String, StoredTensor> combined = new LinkedHashMap<>();
        RandomVae.weights(config, ShapeVAE.Parts.ALL, SEED).forEach((k, v) -> combined.put("vae." + k, v));
        combined.put("model.x_embedder.weight", StoredTensor.of(Tensor.zeros(8, 4)));
        combined.put("conditioner.main_image_encoder.weight", StoredTensor.of(Tensor.zeros(2)));
        Path file = dir.resolve("model.safetensors");
        SafeTensorsWriter.write(file, combined, Map.of());
        ShapeVAE vae = ShapeVAE.open(file, config, ShapeVAE.Parts.ALL);
        assertArrayEquals(RandomVae.build(config, SEED).decode(z).toArray(), vae.decode(z).toArray());
    }

    @Test
    void aPartAloneIgnoresTheOtherParts() throws IOException {
        Path all = RandomVae.write(dir, config, ShapeVAE.Parts.ALL, SEED);
        ShapeVAE decoder = ShapeVAE.open(all, config, ShapeVAE.Parts.DECODE_PATH);
        assertEquals(config.numLatents(), decoder.decode(z).dim(0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> decoder.encode(RandomVae.surface(config, 1), new java.util.SplittableRandom(1)));
        assertTrue(e.getMessage().contains("encoder"), e.getMessage());
        // but the whole VAE needs every key
        Path decodePath = RandomVae.write(dir, config, ShapeVAE.Parts.DECODE_PATH, SEED);
        WeightLoadException missing = assertThrows(WeightLoadException.class,
                () -> ShapeVAE.open(decodePath, config, ShapeVAE.Parts.ALL));
        assertTrue(missing.problems().contains("missing encoder.ln_post.weight [" + config.width() + "]"),
                missing.getMessage());
    }

    /** Every missing, mis-shaped and unexpected key is named at once, before any tensor is read. */
    @Test
    void everyKeyProblemIsNamed() throws IOException {
        Map<String, StoredTensor> w = new LinkedHashMap<>(RandomVae.weights(config, ShapeVAE.Parts.ALL, SEED));
        w.remove("post_kl.bias");
        w.put("pre_kl.weight", StoredTensor.of(Tensor.zeros(3, config.width())));
        w.put("transformer.resblocks.99.ln_1.weight", StoredTensor.of(Tensor.zeros(config.width())));
        Path file = dir.resolve("broken.safetensors");
        SafeTensorsWriter.write(file, w, Map.of());
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> ShapeVAE.open(file, config, ShapeVAE.Parts.ALL));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.problems().contains("missing post_kl.bias [" + config.width() + "]"), e.getMessage());
        assertTrue(e.problems().contains("shape of pre_kl.weight is [3, " + config.width() + "], expected ["
                + 2 * config.embedDim() + ", " + config.width() + "]"), e.getMessage());
        assertTrue(e.problems().contains("unexpected transformer.resblocks.99.ln_1.weight [" + config.width() + "]"),
                e.getMessage());
    }

    static final String RELEASED_PARAMS = """
                num_latents: &num_latents 4096
                embed_dim: 64
                num_freqs: 8
                include_pi: false
                heads: 16
                width: 1024
                num_encoder_layers: 8
                num_decoder_layers: 16
                qkv_bias: false
                qk_norm: true
                scale_factor: *z_scale_factor
                geo_decoder_mlp_expand_ratio: 4
                geo_decoder_downsample_ratio: 1
                geo_decoder_ln_post: true
                point_feats: 4
                pc_size: 81920
                pc_sharpedge_size: 0
            """;

    /** Spec §2.1/§7.1: the vae section of the DiT's config.yaml, and the VAE's own config.yaml. */
    @Test
    void readsTheReleasedConfigYaml() throws IOException {
        Path dit = dir.resolve("dit-config.yaml");
        Files.writeString(dit, """
                model:
                  target: hy3dshape.models.denoisers.hunyuandit.HunYuanDiTPlain
                  params:
                    z_scale_factor: &z_scale_factor 1.0039506158752403
                    depth: 21
                vae:
                  target: hy3dshape.models.autoencoders.ShapeVAE
                  params:
                """ + RELEASED_PARAMS.indent(2) + """
                scheduler:
                  target: hy3dshape.schedulers.FlowMatchEulerDiscreteScheduler
                """);
        assertEquals(ShapeVaeConfig.released(), ShapeVaeConfig.fromYaml(dit));
        Path vae = dir.resolve("vae-config.yaml");
        Files.writeString(vae, "anchors: {scale: &z_scale_factor 1.0039506158752403}\n"
                + "target: hy3dshape.models.autoencoders.ShapeVAE\nparams:\n" + RELEASED_PARAMS.indent(-2));
        assertEquals(ShapeVaeConfig.released(), ShapeVaeConfig.fromYaml(vae));
    }

    @Test
    void configYamlProblemsAreOneLineNamingTheFile() throws IOException {
        Path noParams = dir.resolve("a.yaml");
        Files.writeString(noParams, "vae:\n  target: hy3dshape.models.autoencoders.ShapeVAE\n");
        assertOneLine(assertThrows(IOException.class, () -> ShapeVaeConfig.fromYaml(noParams)), noParams, "'vae.params'");
        Path missingKey = dir.resolve("b.yaml");
        Files.writeString(missingKey, "params:\n  num_latents: 4096\n");
        assertOneLine(assertThrows(IllegalArgumentException.class, () -> ShapeVaeConfig.fromYaml(missingKey)), missingKey,
                "'embed_dim' is missing");
        Path otherTarget = dir.resolve("c.yaml");
        Files.writeString(otherTarget, "target: hy3dshape.models.Other\nparams: {}\n");
        assertOneLine(assertThrows(IOException.class, () -> ShapeVaeConfig.fromYaml(otherTarget)), otherTarget,
                "not ShapeVAE");
        Path broken = dir.resolve("d.yaml");
        Files.writeString(broken, "vae: [unclosed\n");
        assertOneLine(assertThrows(IOException.class, () -> ShapeVaeConfig.fromYaml(broken)), broken, "not valid YAML");
        Path absent = dir.resolve("absent.yaml");
        assertOneLine(assertThrows(IOException.class, () -> ShapeVaeConfig.fromYaml(absent)), absent, "");
    }

    private static void assertOneLine(Exception e, Path file, String fragment) {
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        assertTrue(m.contains(fragment), m);
        assertFalse(m.contains("\n"), m);
    }
}
