package org.sculpt4d.dit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.sculpt4d.nn.WeightLayout;

class DitLayoutTest {
    private final Map<String, int[]> released = DitLayout.of(DitConfig.released());

    private long count(String prefix) {
        return WeightLayout.parameterCount(released.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Spec §7.2: 752 tensors, 3,050,758,720 parameters, and the sub-counts, from shapes alone. */
    @Test
    void releasedConfigCountsAsSpecified() {
        assertEquals(752, released.size());
        assertEquals(3_050_758_720L, WeightLayout.parameterCount(released));
        assertEquals(133_120L, count("x_embedder."));
        assertEquals(33_564_672L, count("t_embedder."));
        assertEquals(3_016_925_696L, count("blocks."));
        assertEquals(135_232L, count("final_layer."));
        // "each FFN = 33,564,672": the MLP of a plain block, and every expert of an MoE block
        assertEquals(33_564_672L, count("blocks.0.mlp."));
        assertEquals(33_564_672L, count("blocks.20.moe.experts.7."));
        assertEquals(33_564_672L, count("blocks.15.moe.shared_experts."));
        assertEquals(DitLayout.timestepEmbedder(DitConfig.released()).keySet(),
                released.keySet().stream().filter(k -> k.startsWith("t_embedder.")).collect(Collectors.toSet()));
    }

    /** Spec §7.3's keys and shapes, and which blocks have skips (11..20) and experts (15..20). */
    @Test
    void releasedConfigHasTheSpecifiedKeys() {
        Object[][] expected = {
            {"x_embedder.weight", new int[] {2048, 64}}, {"x_embedder.bias", new int[] {2048}},
            {"t_embedder.mlp.0.weight", new int[] {8192, 2048}}, {"t_embedder.mlp.0.bias", new int[] {8192}},
            {"t_embedder.mlp.2.weight", new int[] {2048, 8192}}, {"t_embedder.mlp.2.bias", new int[] {2048}},
            {"final_layer.norm_final.weight", new int[] {2048}}, {"final_layer.norm_final.bias", new int[] {2048}},
            {"final_layer.linear.weight", new int[] {64, 2048}}, {"final_layer.linear.bias", new int[] {64}},
            {"blocks.0.norm1.weight", new int[] {2048}}, {"blocks.20.norm3.bias", new int[] {2048}},
            {"blocks.0.attn1.to_q.weight", new int[] {2048, 2048}}, {"blocks.7.attn1.to_v.weight", new int[] {2048, 2048}},
            {"blocks.0.attn1.q_norm.weight", new int[] {128}}, {"blocks.0.attn1.k_norm.weight", new int[] {128}},
            {"blocks.0.attn1.out_proj.weight", new int[] {2048, 2048}}, {"blocks.0.attn1.out_proj.bias", new int[] {2048}},
            {"blocks.3.attn2.to_q.weight", new int[] {2048, 2048}}, {"blocks.3.attn2.to_k.weight", new int[] {2048, 1024}},
            {"blocks.3.attn2.to_v.weight", new int[] {2048, 1024}}, {"blocks.3.attn2.k_norm.weight", new int[] {128}},
            {"blocks.14.mlp.fc1.weight", new int[] {8192, 2048}}, {"blocks.14.mlp.fc2.weight", new int[] {2048, 8192}},
            {"blocks.11.skip_linear.weight", new int[] {2048, 4096}}, {"blocks.11.skip_linear.bias", new int[] {2048}},
            {"blocks.20.skip_norm.weight", new int[] {2048}},
            {"blocks.15.moe.gate.weight", new int[] {8, 2048}},
            {"blocks.15.moe.experts.0.net.0.proj.weight", new int[] {8192, 2048}},
            {"blocks.20.moe.experts.7.net.2.weight", new int[] {2048, 8192}},
            {"blocks.18.moe.shared_experts.net.0.proj.bias", new int[] {8192}},
            {"blocks.18.moe.shared_experts.net.2.bias", new int[] {2048}},
        };
        for (Object[] e : expected) {
            assertTrue(released.containsKey((String) e[0]), (String) e[0]);
            assertArrayEquals((int[]) e[1], released.get((String) e[0]), (String) e[0]);
        }
        for (int i = 0; i < 21; i++) {
            String p = "blocks." + i + ".";
            assertEquals(i >= 11, released.containsKey(p + "skip_linear.weight"), p);
            assertEquals(i >= 15, released.containsKey(p + "moe.gate.weight"), p);
            assertEquals(i < 15, released.containsKey(p + "mlp.fc1.weight"), p);
        }
        // qkv_bias false, RMS qk-norm (weight only), no pooling / pos_embed / modulation
        assertTrue(released.keySet().stream().noneMatch(k -> k.matches(".*\\.to_[qkv]\\.bias|.*_norm\\.bias")
                && !k.contains("skip_norm")));
        assertTrue(released.keySet().stream().noneMatch(k -> k.startsWith("pooler") || k.startsWith("pos_embed")
                || k.contains("default_modulation")));
    }

    /** The layout is what the loader takes: random weights of exactly the layout load strictly, for random configs. */
    @Property(tries = 30)
    void layoutIsExactlyWhatTheLoaderTakes(@ForAll long seed) {
        DitConfig c = RandomDit.config(seed);
        RandomDit.build(c, seed);
    }
}
