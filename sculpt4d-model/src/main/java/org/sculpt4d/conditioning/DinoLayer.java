package org.sculpt4d.conditioning;

import org.sculpt4d.nn.GeluMlp;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.LayerScale;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * One pre-LN DINOv2 transformer layer (HF {@code Dinov2Layer}, spec §4.2):
 * <pre>
 *   h = x + λ1 ⊙ dense(attention(q, k, v))     q, k, v = query/key/value(norm1(x)), contiguous heads, scale 1/√d
 *   y = h + λ2 ⊙ fc2(GELU(fc1(norm2(h))))
 * </pre>
 */
final class DinoLayer {
    private final LayerNorm norm1, norm2;
    private final Linear query, key, value, dense;
    private final LayerScale scale1, scale2;
    private final GeluMlp mlp;
    private final int heads;

    DinoLayer(WeightBinder w, DinoConfig c) {
        int h = c.hiddenSize();
        float eps = (float) c.layerNormEps();
        WeightBinder attn = w.at("attention");
        norm1 = LayerNorm.load(w.at("norm1"), h, eps);
        query = Linear.load(attn.at("attention.query"), h, h, c.qkvBias());
        key = Linear.load(attn.at("attention.key"), h, h, c.qkvBias());
        value = Linear.load(attn.at("attention.value"), h, h, c.qkvBias());
        dense = Linear.load(attn.at("output.dense"), h, h, true);
        scale1 = LayerScale.load(w.at("layer_scale1"), h);
        norm2 = LayerNorm.load(w.at("norm2"), h, eps);
        mlp = GeluMlp.load(w.at("mlp"), "fc1", "fc2", h, c.mlpHidden());
        scale2 = LayerScale.load(w.at("layer_scale2"), h);
        heads = c.heads();
    }

    /** {@code x [tokens, hidden]} → same shape. */
    Tensor forward(Tensor x) {
        Tensor n = norm1.forward(x);
        Tensor o = Ops.attention(query.forward(n), key.forward(n), value.forward(n), heads, null);
        Tensor h = Ops.add(x, scale1.forward(dense.forward(o)));
        return Ops.add(h, scale2.forward(mlp.forward(norm2.forward(h))));
    }
}
