package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The torch.save fixtures of make_fixtures.py, compared exactly with the values torch itself gave. */
class TorchCheckpointTest {

    /** Every tensor: same names in the same order, dtype, shape and bytes as torch; floats widened as torch widens. */
    static void assertMatchesExpected(String name, StateDict got) throws IOException {
        try (SafeTensorsFile expected = SafeTensorsFile.open(Fixtures.path(name + ".expected.safetensors"))) {
            StateDict want = expected.stateDict();
            List<String> keys = new ArrayList<>();
            for (String k : want.keys()) if (k.startsWith("raw/")) keys.add(k.substring(4));
            assertEquals(keys.stream().sorted().toList(), got.keys().stream().sorted().toList());
            for (String k : keys) {
                StoredTensor t = got.get(k);
                Fixtures.assertSameTensor(want.get("raw/" + k), t, name + " " + k);
                if (t.dtype().isFloatingPoint()) {
                    float[] w = want.get("f32/" + k).toFloat().toArray(), g = t.toFloat().toArray();
                    for (int i = 0; i < w.length; i++) {
                        assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), name + " " + k + "[" + i + "]");
                    }
                    assertArrayEquals(t.shape(), t.toFloat().shape());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat_f32", "flat_f16", "nested_f16", "bf16", "dtypes", "views", "ordered", "parameter", "protocol4"})
    void fixtureLoadsExactlyAsTorchSavedIt(String name) throws IOException {
        try (Checkpoint c = Checkpoint.open(Fixtures.path(name + ".ckpt"))) {
            assertInstanceOf(TorchCheckpoint.class, c);
            assertMatchesExpected(name, c.stateDict());
        }
    }

    @Test
    void nestedCheckpointHasTheOfficialLayout() throws IOException {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("nested_f16.ckpt"))) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertEquals(List.of("model", "vae", "conditioner"), List.copyOf(root.keySet()));
            StateDict model = c.stateDict().select("model");
            assertEquals("x_embedder.weight", model.keys().iterator().next(), "state dict order kept");
            assertArrayEquals(new int[] {8, 8}, model.shape("blocks.1.attn1.to_q.weight"));
            assertArrayEquals(new int[] {8, 6}, model.shape("blocks.0.attn2.to_k.weight"));
            assertEquals(DType.F16, model.get("blocks.0.norm1.weight").dtype());
            StateDict vae = c.stateDict().select("vae");
            assertEquals(List.of("post_kl.weight", "post_kl.bias", "geo_decoder.output_proj.weight", "geo_decoder.output_proj.bias"),
                    List.copyOf(vae.keys()));
            assertEquals(2 * 8 + 8 + 8 + 1, vae.parameterCount());
            long all = c.stateDict().parameterCount();
            assertEquals(all, model.parameterCount() + vae.parameterCount() + c.stateDict().select("conditioner").parameterCount());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.stateDict().select("dit"));
            assertTrue(e.getMessage().contains("no tensors under 'dit.'; the top-level names are conditioner, model, vae"), e.getMessage());
        }
    }

    @Test
    void nonTensorValuesOfAnOrderedDict() throws IOException {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("ordered.ckpt"))) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertEquals(7L, root.get("epoch"));
            assertEquals(0.25, root.get("lr"));
            assertEquals("sculpt", root.get("name"));
            assertEquals(Arrays.asList(true, false, null), root.get("flags"));
            assertEquals(List.of(2L, 3L), root.get("shape"));
            assertEquals(1L << 40, root.get("big"));
            assertEquals(-5L, root.get("neg"));
            assertEquals("✓", root.get("ünïcode"));
            assertInstanceOf(StoredTensor.class, root.get(3L));
            assertEquals(List.of("nested.w", "list.0", "list.1", "3"), List.copyOf(c.stateDict().keys()));
        }
    }

    @Test
    void sharedStoragesAndRepeatedTensors() throws IOException {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("views.ckpt"))) {
            Map<?, ?> root = (Map<?, ?>) c.root();
            assertSame(root.get("same_1"), root.get("same_2"), "one pickled object, memoised");
            assertArrayEquals(new long[] {4, 5, 6, 7, 8, 9}, c.stateDict().get("shared_tail").toLongs());
            assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, Arrays.copyOf(c.stateDict().load("expanded").toArray(), 6));
            assertArrayEquals(new int[0], c.stateDict().shape("element"));
        }
    }

    @Test
    void integerAndBooleanTensors() throws IOException {
        try (TorchCheckpoint c = TorchCheckpoint.open(Fixtures.path("dtypes.ckpt"))) {
            StateDict sd = c.stateDict();
            assertEquals(-6L << 40, sd.get("i64").toLongs()[0]);
            assertArrayEquals(new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, sd.get("i32").toInts());
            assertArrayEquals(new long[] {0, 1, 128, 255}, sd.get("u8").toLongs());
            assertArrayEquals(new boolean[] {true, false, false, true}, sd.get("bool").toBooleans());
            assertEquals(0.1f, sd.load("f64").toArray()[0]);
        }
    }

    @Test
    void maliciousPicklesAreRefusedByName() {
        Path os = Fixtures.path("malicious_os_system.ckpt");
        CheckpointFormatException e = Fixtures.assertFormatError(os, "refused global os.system", () -> Checkpoint.open(os).close());
        assertTrue(e.getMessage().contains("archive/data.pkl at byte 2"), e.getMessage());
        Path eval = Fixtures.path("malicious_eval.ckpt");
        Fixtures.assertFormatError(eval, "refused global builtins.eval", () -> Checkpoint.open(eval).close());
    }

    @Test
    void checkpointOpenTellsTheFormatsApart() throws IOException {
        try (Checkpoint c = Checkpoint.open(Fixtures.path("half_table.safetensors"))) {
            assertInstanceOf(SafeTensorsFile.class, c);
            assertEquals(List.of("f32"), List.copyOf(c.stateDict().keys()));
        }
    }
}
