package org.sculpt4d.conditioning;

import java.util.Map;
import org.sculpt4d.nn.WeightLayout;

/**
 * The DINOv2 encoder's state dict, key → shape, as the checkpoint's {@code conditioner} entry holds it (HF
 * {@code Dinov2Model} names under {@code main_image_encoder.model.}, spec §4.2), in module order. The released
 * ViT-L/14 has 439 tensors and 304,368,640 parameters, {@code embeddings.mask_token} (unused at inference) included.
 */
public final class DinoLayout {
    /** Where the DINOv2 weights sit inside the conditioner's state dict. */
    public static final String PREFIX = "main_image_encoder.model.";

    private DinoLayout() {
    }

    /** The keys (with {@link #PREFIX}) and shapes of {@code c}. */
    public static Map<String, int[]> of(DinoConfig c) {
        WeightLayout.Builder l = new WeightLayout.Builder(PREFIX);
        int h = c.hiddenSize(), m = c.mlpHidden(), p = c.patchSize(), g = c.positionGrid();
        l.put("embeddings.cls_token", 1, 1, h);
        l.put("embeddings.mask_token", 1, h);
        l.put("embeddings.position_embeddings", 1, g * g + 1, h);
        l.put("embeddings.patch_embeddings.projection.weight", h, DinoConfig.CHANNELS, p, p);
        l.put("embeddings.patch_embeddings.projection.bias", h);
        for (int i = 0; i < c.layers(); i++) {
            String layer = "encoder.layer." + i + ".";
            l.norm(layer + "norm1", h);
            for (String qkv : new String[] {"query", "key", "value"}) {
                l.linear(layer + "attention.attention." + qkv, h, h, c.qkvBias());
            }
            l.linear(layer + "attention.output.dense", h, h, true);
            l.put(layer + "layer_scale1.lambda1", h);
            l.norm(layer + "norm2", h);
            l.linear(layer + "mlp.fc1", h, m, true);
            l.linear(layer + "mlp.fc2", m, h, true);
            l.put(layer + "layer_scale2.lambda1", h);
        }
        l.norm("layernorm", h);
        return l.shapes();
    }
}
