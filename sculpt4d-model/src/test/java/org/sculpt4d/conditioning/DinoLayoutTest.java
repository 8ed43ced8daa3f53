package org.sculpt4d.conditioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sculpt4d.nn.WeightLayout;
import org.sculpt4d.nn.WeightLoadException;
import org.sculpt4d.tensor.Tensor;

class DinoLayoutTest {

    /** Spec §4.2: DINOv2-L has 304,368,640 parameters (304,367,616 without mask_token), counted from shapes alone. */
    @Test
    void releasedEncoderCountsAsSpecified() {
        Map<String, int[]> layout = DinoLayout.of(DinoConfig.large());
        assertEquals(5 + 24 * 18 + 2, layout.size());
        assertEquals(304_368_640L, WeightLayout.parameterCount(layout));
        assertEquals(1024, WeightLayout.parameterCount(Map.of("m", layout.get(DinoLayout.PREFIX + "embeddings.mask_token"))));
        Object[][] expected = {
            {"embeddings.cls_token", new int[] {1, 1, 1024}}, {"embeddings.mask_token", new int[] {1, 1024}},
            {"embeddings.position_embeddings", new int[] {1, 1370, 1024}},
            {"embeddings.patch_embeddings.projection.weight", new int[] {1024, 3, 14, 14}},
            {"encoder.layer.23.attention.attention.query.weight", new int[] {1024, 1024}},
            {"encoder.layer.0.attention.attention.value.bias", new int[] {1024}},
            {"encoder.layer.5.attention.output.dense.weight", new int[] {1024, 1024}},
            {"encoder.layer.7.layer_scale1.lambda1", new int[] {1024}},
            {"encoder.layer.0.mlp.fc1.weight", new int[] {4096, 1024}},
            {"encoder.layer.0.mlp.fc2.weight", new int[] {1024, 4096}},
            {"encoder.layer.11.layer_scale2.lambda1", new int[] {1024}}, {"layernorm.bias", new int[] {1024}},
        };
        for (Object[] e : expected) assertArrayEquals((int[]) e[1], layout.get(DinoLayout.PREFIX + e[0]), (String) e[0]);
        assertEquals(1370, DinoConfig.large().tokens());
    }

    /** A missing, a mis-shaped and an unexpected key are all named in one error, before anything is loaded. */
    @Test
    void namesEveryKeyProblem() {
        DinoConfig c = RandomDino.config(2, 3, 3, true);
        Map<String, Tensor> w = RandomDino.weights(c, 1, 0.5f);
        String p = DinoLayout.PREFIX;
        w.remove(p + "encoder.layer.1.mlp.fc2.bias");
        w.put(p + "embeddings.position_embeddings", Tensor.zeros(1, 17, 16));
        w.put(p + "encoder.layer.2.norm1.weight", Tensor.zeros(16));
        WeightLoadException e = assertThrows(WeightLoadException.class,
                () -> DinoImageEncoder.load(RandomDino.of(w), c, true));
        assertEquals(List.of("shape of " + p + "embeddings.position_embeddings is [1, 17, 16], expected [1, 10, 16]",
                "missing " + p + "encoder.layer.1.mlp.fc2.bias [16]",
                "unexpected " + p + "encoder.layer.2.norm1.weight [16]"), e.problems());
        // once repaired, the same weights load strictly
        w.remove(p + "encoder.layer.2.norm1.weight");
        w.put(p + "embeddings.position_embeddings", Tensor.zeros(1, 10, 16));
        w.put(p + "encoder.layer.1.mlp.fc2.bias", Tensor.zeros(16));
        DinoImageEncoder.load(RandomDino.of(w), c, true);
    }
}
