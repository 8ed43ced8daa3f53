package org.sculpt4d.dit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.config.YamlFile;

/**
 * HunYuanDiTPlain constructor arguments, named as upstream names them (spec §3.1). Built from a map (the
 * {@code model.params} block of {@code hunyuan3d-dit-v2-1/config.yaml}, or a golden bundle's config): every key this
 * port needs must be present, since upstream class defaults differ from the released config (e.g.
 * {@code use_attention_pooling} defaults to true upstream). The options that are off in 2.1 may be given only with
 * their off value; {@code mlp_ratio} is accepted and ignored, as upstream ignores it (the MLP is always ×4), and so is
 * {@code text_len}, which only attention pooling uses.
 *
 * @param inputSize    latent tokens per shape (4096); no weight depends on it, since there is no positional embedding
 * @param qkNormType   the per-head qk-norm when {@code qkNorm}: RMSNorm (released) or LayerNorm
 * @param numMoeLayers the last {@code numMoeLayers} blocks use a mixture of experts instead of the MLP
 */
public record DitConfig(int inputSize, int inChannels, int hiddenSize, int contextDim, int depth, int numHeads,
                        boolean qkNorm, QkNormType qkNormType, boolean qkvBias, int numMoeLayers, int numExperts,
                        int moeTopK) {

    /** Upstream's {@code qk_norm_type}: 'rms' selects {@code nn.RMSNorm}, anything else {@code nn.LayerNorm}. */
    public enum QkNormType { RMS, LAYER }

    public DitConfig {
        if (hiddenSize <= 0 || numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a positive multiple of num_heads "
                    + numHeads);
        }
        if (hiddenSize % 2 != 0) throw new IllegalArgumentException("hidden_size " + hiddenSize + " must be even (sin|cos halves)");
        if (depth < 1 || numMoeLayers < 0 || numMoeLayers > depth) {
            throw new IllegalArgumentException("depth " + depth + " with num_moe_layers " + numMoeLayers);
        }
        if (numMoeLayers > 0 && (moeTopK < 1 || moeTopK > numExperts)) {
            throw new IllegalArgumentException("moe_top_k " + moeTopK + " for num_experts " + numExperts);
        }
        if (inChannels <= 0 || contextDim <= 0 || inputSize <= 0) {
            throw new IllegalArgumentException("in_channels " + inChannels + ", context_dim " + contextDim
                    + " and input_size " + inputSize + " must be positive");
        }
    }

    /** The released Hunyuan3D 2.1 DiT (spec §3.1): 3,050,758,720 parameters. */
    public static DitConfig released() {
        return new DitConfig(4096, 64, 2048, 1024, 21, 16, true, QkNormType.RMS, false, 6, 8, 2);
    }

    private static final List<String> KEYS = List.of("input_size", "in_channels", "hidden_size", "context_dim", "depth",
            "num_heads", "qk_norm", "qk_norm_type", "qkv_bias", "num_moe_layers", "num_experts", "moe_top_k");
    private static final List<String> OFF_IN_2_1 = List.of("use_attention_pooling", "use_pos_emb", "with_decoupled_ca",
            "norm_type", "guidance_cond_proj_dim");
    private static final Set<String> IGNORED = Set.of("mlp_ratio", "text_len", "decoupled_ca_dim", "decoupled_ca_weight",
            "additional_cond_hidden_state");

    public static DitConfig fromMap(Map<String, ?> raw, String source) {
        ConfigReader c = new ConfigReader(raw, source);
        c.require("use_attention_pooling", false);
        c.require("use_pos_emb", false);
        c.require("with_decoupled_ca", false);
        c.require("norm_type", "layer");
        c.require("guidance_cond_proj_dim", null);
        String qkType = c.string("qk_norm_type");
        if (!qkType.equals("rms") && !qkType.equals("layer")) {
            throw new IllegalArgumentException(source + ": config qk_norm_type = " + qkType + " is not supported (rms or layer)");
        }
        c.rejectUnknown(concat(KEYS, OFF_IN_2_1), IGNORED);
        try {
            return new DitConfig(c.integer("input_size"), c.integer("in_channels"), c.integer("hidden_size"),
                    c.integer("context_dim"), c.integer("depth"), c.integer("num_heads"), c.bool("qk_norm"),
                    "rms".equals(qkType) ? QkNormType.RMS : QkNormType.LAYER, c.bool("qkv_bias"),
                    c.integer("num_moe_layers"), c.integer("num_experts"), c.integer("moe_top_k"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(source)) throw e;
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** The DiT config of {@code hunyuan3d-dit-v2-1/config.yaml}: {@code model.params}; {@code model.target} must name HunYuanDiTPlain. */
    public static DitConfig fromYaml(Path file) throws IOException {
        YamlFile yaml = YamlFile.read(file);
        Object target = yaml.section("model").get("target");
        if (target != null && !String.valueOf(target).endsWith(".HunYuanDiTPlain")) {
            throw new IOException(file + ": the model's target is " + target + ", not HunYuanDiTPlain");
        }
        return fromMap(yaml.section("model", "params"), file + " (model.params)");
    }

    /** As upstream's constructor arguments, with the 2.1 switches spelled out (for manifests and bundles). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_size", inputSize);
        m.put("in_channels", inChannels);
        m.put("hidden_size", hiddenSize);
        m.put("context_dim", contextDim);
        m.put("depth", depth);
        m.put("num_heads", numHeads);
        m.put("qk_norm", qkNorm);
        m.put("qk_norm_type", qkNormType == QkNormType.RMS ? "rms" : "layer");
        m.put("qkv_bias", qkvBias);
        m.put("num_moe_layers", numMoeLayers);
        m.put("num_experts", numExperts);
        m.put("moe_top_k", moeTopK);
        m.put("use_attention_pooling", false);
        m.put("use_pos_emb", false);
        m.put("with_decoupled_ca", false);
        return m;
    }

    /** Per-head width (128 released). */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Whether block {@code i} uses the mixture of experts (upstream: {@code depth − i ≤ num_moe_layers}, spec §3.5). */
    public boolean usesMoe(int block) {
        return depth - block <= numMoeLayers;
    }

    /** Whether block {@code i} consumes a long skip (U-ViT, spec §3.2): {@code i > depth / 2}. */
    public boolean takesSkip(int block) {
        return block > depth / 2;
    }

    /** Whether block {@code i}'s output is pushed for a later skip: {@code i < depth / 2}. */
    public boolean pushesSkip(int block) {
        return block < depth / 2;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
