package org.sculpt4d.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.DitLayout;
import org.sculpt4d.dit.RandomDit;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;

/** The DiT modules of golden-check refuse what they cannot run with one line naming the problem. */
class DitRunnersTest {
    private final DitConfig config = new DitConfig(5, 4, 16, 8, 3, 2, true, DitConfig.QkNormType.RMS, false, 1, 3, 2);
    private final GoldenCheck check = GoldenCheck.standard();

    @TempDir
    Path dir;

    /** A well-formed {@code dit} bundle (outputs zero: these tests are about refusals, not values). */
    private Map<String, StoredTensor> ditTensors() {
        Map<String, StoredTensor> t = new LinkedHashMap<>();
        RandomDit.weights(DitLayout.of(config), 3).forEach((k, v) -> t.put("weight." + k, StoredTensor.of(v)));
        t.put("input.x", StoredTensor.of(Tensor.zeros(2, 5, 4)));
        t.put("input.t", StoredTensor.of(Tensor.wrap(new float[] {0f, 1f}, 2)));
        t.put("input.cond", StoredTensor.of(Tensor.zeros(2, 3, 8)));
        t.put("output.v", StoredTensor.of(Tensor.zeros(2, 5, 4)));
        return t;
    }

    private String problem(String name, String module, Map<String, ?> cfg, Map<String, StoredTensor> tensors)
            throws IOException {
        Path b = TestBundles.write(dir.resolve(name), TestBundles.metadata(module, cfg), tensors);
        GoldenBundleException e = assertThrows(GoldenBundleException.class, () -> check.check(b));
        assertTrue(e.getMessage().startsWith(b + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWellFormedBundleIsChecked() throws IOException {
        Path b = TestBundles.write(dir.resolve("ok.safetensors"), TestBundles.metadata("dit", config.toMap()), ditTensors());
        BundleReport r = check.check(b);
        assertTrue(r.outputs().size() == 1 && r.outputs().get(0).name().equals("v"), r.outputs().toString());
    }

    @Test
    void configSwitchesNotImplementedAreNamed() throws IOException {
        Map<String, Object> cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("use_attention_pooling", true);
        String m = problem("c1.safetensors", "dit", cfg, ditTensors());
        assertTrue(m.endsWith("config use_attention_pooling = true is not supported (only false)"), m);
        cfg = new LinkedHashMap<>(config.toMap());
        cfg.remove("num_experts");
        m = problem("c2.safetensors", "dit", cfg, ditTensors());
        assertTrue(m.endsWith("config key 'num_experts' is missing"), m);
    }

    @Test
    void weightAndInputProblemsAreNamed() throws IOException {
        Map<String, StoredTensor> t = ditTensors();
        t.remove("weight.blocks.2.moe.gate.weight");
        String m = problem("w1.safetensors", "dit", config.toMap(), t);
        assertTrue(m.endsWith("weights: missing blocks.2.moe.gate.weight [3, 16]"), m);

        t = ditTensors();
        t.put("input.t", StoredTensor.of(Tensor.zeros(3)));
        m = problem("i1.safetensors", "dit", config.toMap(), t);
        assertTrue(m.endsWith("input.t has shape [3], expected [2]"), m);

        // dit.timestep takes t_embedder.* only: the rest of the model is named as unexpected
        t = ditTensors();
        t.remove("input.x");
        t.remove("input.cond");
        t.remove("output.v");
        t.put("output.embedding", StoredTensor.of(Tensor.zeros(2, 1, 16)));
        m = problem("t1.safetensors", "dit.timestep", config.toMap(), t);
        assertTrue(m.contains("weights: unexpected blocks.0.attn1.k_norm.weight [8]"), m);
    }
}
