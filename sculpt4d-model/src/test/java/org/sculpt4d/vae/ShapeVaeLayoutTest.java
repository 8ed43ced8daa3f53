package org.sculpt4d.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ShapeVaeLayoutTest {

    /** Spec §7.2: the released ShapeVAE has 410 tensors and 327,746,177 parameters, counted from shapes alone. */
    @Test
    void releasedConfigCountsAsSpecified() {
        Map<String, int[]> all = ShapeVaeLayout.of(ShapeVaeConfig.released(), ShapeVAE.Parts.ALL);
        assertEquals(410, all.size());
        assertEquals(327_746_177L, ShapeVaeLayout.parameterCount(all));
        Map<String, Long> parts = Map.of("encoder.", 113_402_112L, "pre_kl.", 131_200L, "post_kl.", 66_560L,
                "transformer.", 201_494_528L, "geo_decoder.", 12_651_777L);
        parts.forEach((prefix, count) -> assertEquals(count, all.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> ShapeVaeLayout.parameterCount(Map.of(e.getKey(), e.getValue()))).sum(), prefix));
        // the decode path alone: post_kl + transformer + geo_decoder
        assertEquals(214_212_865L, ShapeVaeLayout.parameterCount(ShapeVaeLayout.of(ShapeVaeConfig.released(),
                ShapeVAE.Parts.DECODE_PATH)));
    }

    /** Spec §7.3's example keys and shapes. */
    @Test
    void releasedConfigHasTheSpecifiedKeys() {
        Map<String, int[]> all = ShapeVaeLayout.of(ShapeVaeConfig.released(), ShapeVAE.Parts.ALL);
        Object[][] expected = {
            {"encoder.input_proj.weight", new int[] {1024, 55}}, {"encoder.input_proj.bias", new int[] {1024}},
            {"encoder.cross_attn.attn.c_q.weight", new int[] {1024, 1024}},
            {"encoder.cross_attn.attn.c_kv.weight", new int[] {2048, 1024}},
            {"encoder.cross_attn.attn.c_proj.bias", new int[] {1024}},
            {"encoder.cross_attn.attn.attention.q_norm.weight", new int[] {64}},
            {"encoder.cross_attn.attn.attention.k_norm.bias", new int[] {64}},
            {"encoder.cross_attn.ln_3.weight", new int[] {1024}},
            {"encoder.cross_attn.mlp.c_fc.weight", new int[] {4096, 1024}},
            {"encoder.self_attn.resblocks.7.attn.c_qkv.weight", new int[] {3072, 1024}},
            {"encoder.ln_post.bias", new int[] {1024}},
            {"pre_kl.weight", new int[] {128, 1024}}, {"pre_kl.bias", new int[] {128}},
            {"post_kl.weight", new int[] {1024, 64}}, {"post_kl.bias", new int[] {1024}},
            {"transformer.resblocks.15.attn.c_qkv.weight", new int[] {3072, 1024}},
            {"transformer.resblocks.0.attn.c_proj.weight", new int[] {1024, 1024}},
            {"transformer.resblocks.0.attn.attention.q_norm.bias", new int[] {64}},
            {"transformer.resblocks.3.ln_2.weight", new int[] {1024}},
            {"transformer.resblocks.0.mlp.c_fc.weight", new int[] {4096, 1024}},
            {"transformer.resblocks.0.mlp.c_proj.weight", new int[] {1024, 4096}},
            {"geo_decoder.query_proj.weight", new int[] {1024, 51}},
            {"geo_decoder.cross_attn_decoder.attn.c_kv.weight", new int[] {2048, 1024}},
            {"geo_decoder.ln_post.weight", new int[] {1024}},
            {"geo_decoder.output_proj.weight", new int[] {1, 1024}}, {"geo_decoder.output_proj.bias", new int[] {1}},
        };
        for (Object[] e : expected) {
            assertTrue(all.containsKey((String) e[0]), (String) e[0]);
            assertArrayEquals((int[]) e[1], all.get((String) e[0]), (String) e[0]);
        }
        // qkv_bias false: no q/k/v biases anywhere (spec §7.3)
        assertTrue(all.keySet().stream().noneMatch(k -> k.matches(".*\\.c_(qkv|q|kv)\\.bias")));
        assertTrue(all.keySet().stream().noneMatch(k -> k.contains("latents_proj")));
    }

    /**
     * The layout is what the loaders take: a source holding exactly the layout of some parts loads strictly (no key
     * missing, none unused), for random small configs.
     */
    @Property(tries = 40)
    void layoutIsExactlyWhatTheLoadersTake(@ForAll long seed, @ForAll ShapeVAE.Parts parts) {
        ShapeVaeConfig c = RandomVae.config(seed);
        RandomVae.withWeights(c, parts, seed, w -> ShapeVAE.load(w, c, parts, true));
    }
}
