package org.sculpt4d.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.oracle.RandomTensors;
import org.sculpt4d.vae.RandomVae;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

class GoldenCheckTest {
    private static final long SEED = 11;
    private final ShapeVaeConfig config = RandomVae.config(SEED);
    private final GoldenCheck check = GoldenCheck.standard();

    @TempDir
    Path dir;

    /** A vae.decoder bundle whose expected latents are this port's own (batch of 2). */
    private Map<String, StoredTensor> decoderTensors() {
        Map<String, StoredTensor> t = new LinkedHashMap<>();
        RandomVae.weights(config, ShapeVAE.Parts.DECODER, SEED).forEach((k, v) -> t.put("weight." + k, v));
        Tensor z = RandomTensors.uniform(5, 1f, 2, config.numLatents(), config.embedDim());
        ShapeVAE vae = RandomVae.build(config, SEED);
        Tensor latents = Tensor.zeros(2, config.numLatents(), config.width());
        for (int b = 0; b < 2; b++) latents.select(b).copyFrom(vae.decode(z.select(b)));
        t.put("input.z", StoredTensor.of(z));
        t.put("output.latents", StoredTensor.of(latents));
        return t;
    }

    private Path decoder(String name, Map<String, StoredTensor> tensors) throws IOException {
        return TestBundles.write(dir.resolve(name), TestBundles.metadata("vae.decoder", config.toMap()), tensors);
    }

    /** Writes a bundle and returns the one-line problem golden-check reports for it. */
    private String problem(String name, Map<String, String> metadata, Map<String, StoredTensor> tensors)
            throws IOException {
        return problem(TestBundles.write(dir.resolve(name), metadata, tensors));
    }

    private String problem(Path bundle) {
        GoldenBundleException e = assertThrows(GoldenBundleException.class, () -> check.check(bundle));
        assertTrue(e.getMessage().startsWith(bundle + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void passesOnTheExpectedOutputs() throws IOException {
        BundleReport fps = check.check(TestBundles.fps(dir.resolve("fps.safetensors")));
        assertTrue(fps.passed());
        assertEquals("fps", fps.module());
        assertEquals(0, fps.outputs().get(0).maxAbs());
        BundleReport dec = check.check(decoder("dec.safetensors", decoderTensors()));
        assertTrue(dec.passed(), dec.outputs().get(0).describe());
        assertEquals(GoldenBundle.DEFAULT_RTOL, dec.rtol());
        assertEquals(GoldenBundle.DEFAULT_ATOL, dec.atol());
    }

    /** |got − want| ≤ atol + rtol·|want| elementwise; the report names max errors and the worst multi-index. */
    @Test
    void aWrongElementFailsAndIsLocated() throws IOException {
        Map<String, StoredTensor> t = decoderTensors();
        Tensor want = t.get("output.latents").toFloat();
        float v = want.get(1, 3, 5);
        want.set(v + 2e-3f, 1, 3, 5);
        want.set(want.get(0, 0, 0) + 1e-6f, 0, 0, 0); // within atol 1e-5
        t.put("output.latents", StoredTensor.of(want));
        OutputCheck o = check.check(decoder("bad.safetensors", t)).outputs().get(0);
        assertFalse(o.passed());
        assertArrayEquals(new int[] {1, 3, 5}, o.worst());
        assertEquals(2e-3, o.maxAbs(), 1e-6);
        assertEquals(o.maxAbs() / (1e-5 + 1e-4 * Math.abs(v + 2e-3f)), o.used(), 1e-3 * o.used());
        assertEquals(o.maxAbs() / Math.abs(v + 2e-3f), o.maxRel(), 1e-3 * o.maxRel());
        assertTrue(o.describe().startsWith("FAIL latents [2, " + config.numLatents() + ", " + config.width() + "]"),
                o.describe());
    }

    @Test
    void anOutputOfTheWrongShapeFails() throws IOException {
        Map<String, StoredTensor> t = TestBundles.fpsTensors();
        t.put("output.index", StoredTensor.ofLongs(new long[] {0, 4, 2, 1}, 1, 4));
        OutputCheck o = check.check(TestBundles.write(dir.resolve("s.safetensors"),
                TestBundles.metadata("fps", Map.of("count", 3)), t)).outputs().get(0);
        assertFalse(o.passed());
        assertEquals("FAIL index computed shape [1, 3], expected [1, 4]", o.describe());
    }

    /** The problem reported for the fps bundle with one metadata entry set to {@code value} (null: removed). */
    private String fpsProblemWith(String key, String value) throws IOException {
        Map<String, String> meta = TestBundles.metadata("fps", Map.of("count", 3));
        if (value == null) meta.remove(key);
        else meta.put(key, value);
        return problem(key + "-" + (value == null ? "none" : Integer.toHexString(value.hashCode())) + ".safetensors", meta,
                TestBundles.fpsTensors());
    }

    @Test
    void wrongOrMissingFormatIsRefused() throws IOException {
        assertTrue(fpsProblemWith("format", "sculpt4d-golden/2")
                .endsWith("format 'sculpt4d-golden/2' is not supported (this reader reads sculpt4d-golden/1)"));
        assertTrue(fpsProblemWith("format", null).endsWith("no 'format' in __metadata__: not a golden bundle"));
    }

    @Test
    void unknownModuleIsRefused() throws IOException {
        Path b = TestBundles.write(dir.resolve("m.safetensors"), TestBundles.metadata("vae.flux", Map.of()),
                TestBundles.fpsTensors());
        String m = problem(b);
        assertTrue(m.contains("unknown module 'vae.flux'") && m.contains("vae.geo_decoder"), m);
    }

    @Test
    void missingExtraAndMisShapedWeightsAreNamed() throws IOException {
        Map<String, StoredTensor> t = decoderTensors();
        t.remove("weight.post_kl.bias");
        String missing = problem(decoder("w1.safetensors", t));
        assertTrue(missing.endsWith("weights: missing post_kl.bias [" + config.width() + "]"), missing);

        t = decoderTensors();
        t.put("weight.encoder.ln_post.weight", StoredTensor.of(Tensor.zeros(config.width())));
        String extra = problem(decoder("w2.safetensors", t));
        assertTrue(extra.endsWith("weights: unexpected encoder.ln_post.weight [" + config.width() + "]"), extra);

        t = decoderTensors();
        t.put("weight.post_kl.weight", StoredTensor.of(Tensor.zeros(config.embedDim(), config.width())));
        String shape = problem(decoder("w3.safetensors", t));
        assertTrue(shape.endsWith("weights: shape of post_kl.weight is [" + config.embedDim() + ", " + config.width()
                + "], expected [" + config.width() + ", " + config.embedDim() + "]"), shape);

        Map<String, StoredTensor> fps = TestBundles.fpsTensors();
        fps.put("weight.x", StoredTensor.of(Tensor.zeros(2)));
        String none = problem("w4.safetensors", TestBundles.metadata("fps",
                Map.of("count", 3)), fps);
        assertTrue(none.endsWith("module fps takes no weights, but the bundle has 1: [x]"), none);
    }

    @Test
    void configKeysAndValuesNotImplementedAreNamed() throws IOException {
        Map<String, Object> cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("geo_decoder_downsample_ratio", 2);
        assertTrue(problem("c1.safetensors", TestBundles.metadata("vae.decoder", cfg),
                decoderTensors()).endsWith("config geo_decoder_downsample_ratio = 2 is not supported (only 1)"));
        cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("use_attention_pooling", true);
        assertTrue(problem("c2.safetensors", TestBundles.metadata("vae.decoder", cfg),
                decoderTensors()).endsWith("unknown config key(s) [use_attention_pooling]"));
        cfg = new LinkedHashMap<>(config.toMap());
        cfg.remove("width");
        assertTrue(problem("c3.safetensors", TestBundles.metadata("vae.decoder", cfg),
                decoderTensors()).endsWith("config key 'width' is missing"));
        Map<String, StoredTensor> fourier = Map.of("input.points", StoredTensor.of(Tensor.zeros(1, 2, 3)),
                "output.embedding", StoredTensor.of(Tensor.zeros(1, 2, 3)));
        String logspace = problem("c4.safetensors", TestBundles.metadata(
                "fourier_embedder", Map.of("num_freqs", 0, "include_pi", false, "logspace", false)), fourier);
        assertTrue(logspace.endsWith("config logspace = false is not supported (only true)"), logspace);
    }

    /** The problem reported for the fps bundle with one tensor set to {@code value} (null: removed). */
    private String fpsProblemWithTensor(String name, StoredTensor value) throws IOException {
        Map<String, StoredTensor> t = TestBundles.fpsTensors();
        if (value == null) t.remove(name);
        else t.put(name, value);
        return problem(name + "-" + (value == null ? "none" : "set") + ".safetensors",
                TestBundles.metadata("fps", Map.of("count", 3)), t);
    }

    @Test
    void missingAndExtraInputsAndOutputsAreNamed() throws IOException {
        assertTrue(fpsProblemWithTensor("input.start", null).endsWith("module fps needs input.start, which the bundle lacks"));
        assertTrue(fpsProblemWithTensor("input.mask", StoredTensor.of(Tensor.zeros(1)))
                .endsWith("module fps has no input(s) [mask]"));
        assertTrue(fpsProblemWithTensor("output.distances", StoredTensor.of(Tensor.zeros(1)))
                .endsWith("module fps has no output(s) [distances]"));
        assertTrue(fpsProblemWithTensor("output.index", null).endsWith("the bundle lacks output(s) [index] of fps"));
        assertTrue(fpsProblemWithTensor("input.points", StoredTensor.of(Tensor.zeros(1, 5, 2)))
                .endsWith("input.points has shape [1, 5, 2], expected [*, *, 3]"));
        assertTrue(fpsProblemWithTensor("input.start", StoredTensor.of(Tensor.zeros(1)))
                .endsWith("input.start is F32, expected I64"));
        assertTrue(fpsProblemWithTensor("points", StoredTensor.of(Tensor.zeros(1)))
                .endsWith("tensor 'points' is not named weight.*, input.* or output.*"));
    }

    @Test
    void malformedMetadataIsRefused() throws IOException {
        assertTrue(fpsProblemWith("rtol", "tight").endsWith("rtol 'tight' is not a non-negative number"));
        assertTrue(fpsProblemWith("atol", "-1").endsWith("atol '-1' is not a non-negative number"));
        assertTrue(fpsProblemWith("config", "[3]").endsWith("config is not a JSON object: [3]"));
        assertTrue(fpsProblemWith("config", "{\"count\": ").contains("config is not valid JSON"));
        assertTrue(fpsProblemWith("module", null).endsWith("no 'module' in __metadata__"));
    }

    /** The registry: a module added later (here a stand-in for the 4D model's) plugs in beside the standard ones. */
    @Test
    void runnersCanBeRegistered() throws IOException {
        Path b = TestBundles.write(dir.resolve("x.safetensors"), TestBundles.metadata("dit4d", Map.of()),
                Map.of("input.t", StoredTensor.of(Tensor.wrap(new float[] {0.5f}, 1)),
                        "output.v", StoredTensor.of(Tensor.wrap(new float[] {1f}, 1, 1, 1))));
        GoldenCheck extended = check.with("dit4d", bundle -> Map.of("v",
                Computed.of(Tensor.wrap(new float[] {2 * bundle.floats("t", 1).get(0)}, 1, 1, 1))));
        assertTrue(extended.modules().containsAll(List.of("dit4d", "dit", "dit.timestep", "vae.encoder")));
        assertTrue(extended.check(b).passed());
    }
}
