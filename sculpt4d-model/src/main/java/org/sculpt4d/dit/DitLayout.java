package org.sculpt4d.dit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state dict of a HunYuanDiTPlain, key → shape, from its config alone (spec §3, key names and shapes of §7.3), in
 * upstream's module order: the {@code model} entry of {@code hunyuan3d-dit-v2-1/model.fp16.ckpt}. It lets a checkpoint
 * be checked against a config before any tensor is read, and counts parameters without allocating them (released: 752
 * tensors, 3,050,758,720 parameters, spec §7.2).
 */
public final class DitLayout {
    private final DitConfig c;
    private final Map<String, int[]> shapes = new LinkedHashMap<>();

    private DitLayout(DitConfig c) {
        this.c = c;
    }

    /** Every key of the model. */
    public static Map<String, int[]> of(DitConfig c) {
        DitLayout l = new DitLayout(c);
        int h = c.hiddenSize();
        l.linear("x_embedder", c.inChannels(), h, true);
        l.timestepEmbedder();
        for (int i = 0; i < c.depth(); i++) l.block(i);
        l.norm("final_layer.norm_final", h);
        l.linear("final_layer.linear", h, c.inChannels(), true);
        return l.shapes;
    }

    /** The keys of the timestep embedder alone ({@code t_embedder.*}). */
    public static Map<String, int[]> timestepEmbedder(DitConfig c) {
        DitLayout l = new DitLayout(c);
        l.timestepEmbedder();
        return l.shapes;
    }

    private void timestepEmbedder() {
        int h = c.hiddenSize();
        linear("t_embedder.mlp.0", h, 4 * h, true); // frequency_embedding_size = 4·hidden (spec §3.3)
        linear("t_embedder.mlp.2", 4 * h, h, true);
    }

    /** {@code HunYuanDiTBlock}: norm1, attn1, norm2, attn2, norm3, [skip_norm, skip_linear], mlp or moe. */
    private void block(int i) {
        String p = "blocks." + i + ".";
        int h = c.hiddenSize();
        norm(p + "norm1", h);
        attention(p + "attn1", h);
        norm(p + "norm2", h);
        attention(p + "attn2", c.contextDim());
        norm(p + "norm3", h);
        if (c.takesSkip(i)) {
            norm(p + "skip_norm", h);
            linear(p + "skip_linear", 2 * h, h, true);
        }
        if (c.usesMoe(i)) {
            for (int e = 0; e < c.numExperts(); e++) feedForward(p + "moe.experts." + e);
            shapes.put(p + "moe.gate.weight", new int[] {c.numExperts(), h});
            feedForward(p + "moe.shared_experts");
        } else {
            linear(p + "mlp.fc1", h, 4 * h, true);
            linear(p + "mlp.fc2", 4 * h, h, true);
        }
    }

    /** {@code Attention}/{@code CrossAttention}: to_q from the tokens, to_k/to_v from {@code kvIn} channels. */
    private void attention(String p, int kvIn) {
        int h = c.hiddenSize();
        linear(p + ".to_q", h, h, c.qkvBias());
        linear(p + ".to_k", kvIn, h, c.qkvBias());
        linear(p + ".to_v", kvIn, h, c.qkvBias());
        if (c.qkNorm()) {
            int d = c.headDim();
            if (c.qkNormType() == DitConfig.QkNormType.RMS) {
                shapes.put(p + ".q_norm.weight", new int[] {d});
                shapes.put(p + ".k_norm.weight", new int[] {d});
            } else {
                norm(p + ".q_norm", d);
                norm(p + ".k_norm", d);
            }
        }
        linear(p + ".out_proj", h, h, true);
    }

    /** diffusers {@code FeedForward(dim, inner 4·dim, "gelu", bias)}: net.0.proj, net.2. */
    private void feedForward(String p) {
        int h = c.hiddenSize();
        linear(p + ".net.0.proj", h, 4 * h, true);
        linear(p + ".net.2", 4 * h, h, true);
    }

    private void linear(String prefix, int in, int out, boolean bias) {
        shapes.put(prefix + ".weight", new int[] {out, in});
        if (bias) shapes.put(prefix + ".bias", new int[] {out});
    }

    private void norm(String prefix, int dim) {
        shapes.put(prefix + ".weight", new int[] {dim});
        shapes.put(prefix + ".bias", new int[] {dim});
    }
}
