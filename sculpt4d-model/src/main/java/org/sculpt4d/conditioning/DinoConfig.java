package org.sculpt4d.conditioning;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.config.YamlFile;

/**
 * The DINOv2 image encoder's settings (spec §4.2): the HF {@code Dinov2Config} fields the forward pass depends on, plus
 * the two arguments of upstream's {@code DinoImageEncoder} ({@code image_size}: the side the input is resized to;
 * {@code use_cls_token}).
 *
 * @param hiddenSize         token width (1024)
 * @param layers             {@code num_hidden_layers} (24)
 * @param heads              {@code num_attention_heads} (16)
 * @param mlpRatio           MLP hidden width / token width (4)
 * @param patchSize          14
 * @param positionImageSize  {@code Dinov2Config.image_size}: the position embeddings cover a
 *                           {@code (positionImageSize/patch)²} grid (518 → 37×37)
 * @param layerNormEps       1e-6
 * @param qkvBias            biases on query/key/value
 * @param imageSize          {@code DinoImageEncoder.image_size}: the input is resized to this side (518)
 * @param useClsToken        whether the CLS token is part of the output (true: 1370 tokens)
 */
public record DinoConfig(int hiddenSize, int layers, int heads, double mlpRatio, int patchSize, int positionImageSize,
                         double layerNormEps, boolean qkvBias, int imageSize, boolean useClsToken) {
    public static final int CHANNELS = 3;

    public DinoConfig {
        if (hiddenSize <= 0 || heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("DINOv2 hidden_size " + hiddenSize + " is not a positive multiple of "
                    + "num_attention_heads " + heads);
        }
        if (patchSize <= 0 || positionImageSize < patchSize || imageSize < patchSize || layers < 0) {
            throw new IllegalArgumentException("DINOv2 patch_size " + patchSize + ", image sizes " + positionImageSize
                    + "/" + imageSize + ", layers " + layers + " are not usable");
        }
    }

    /** The released conditioner: DINOv2 ViT-L/14 at 518 with the CLS token (spec §4.2). */
    public static DinoConfig large() {
        return new DinoConfig(1024, 24, 16, 4.0, 14, 518, 1e-6, true, 518, true);
    }

    /** MLP hidden width, {@code int(hidden_size · mlp_ratio)} as HF computes it. */
    public int mlpHidden() {
        return (int) (hiddenSize * mlpRatio);
    }

    /** Side of the position-embedding grid (37 for the released model). */
    public int positionGrid() {
        return positionImageSize / patchSize;
    }

    /** Side of the patch grid of a resized input (37). */
    public int patchGrid() {
        return imageSize / patchSize;
    }

    /** Output tokens: the patch grid plus the CLS token when it is used (1370). */
    public int tokens() {
        return patchGrid() * patchGrid() + (useClsToken ? 1 : 0);
    }

    private static final List<String> MODEL_KEYS = List.of("hidden_size", "num_hidden_layers", "num_attention_heads",
            "mlp_ratio", "hidden_act", "layer_norm_eps", "image_size", "patch_size", "num_channels", "qkv_bias",
            "layerscale_value", "use_swiglu_ffn", "num_register_tokens");
    /** Dinov2Config fields that change nothing at inference. */
    private static final Set<String> MODEL_IGNORED = Set.of("hidden_dropout_prob", "attention_probs_dropout_prob",
            "initializer_range", "drop_path_rate", "model_type", "use_mask_token", "torch_dtype", "architectures",
            "transformers_version", "out_features", "out_indices", "stage_names", "apply_layernorm",
            "reshape_hidden_states", "_name_or_path");

    /**
     * From {@code DinoImageEncoder}'s keyword arguments: {@code config} (a Dinov2Config as a map), {@code image_size},
     * {@code use_cls_token}, and optionally {@code version} (must be null: weights come from the checkpoint).
     * {@code layerscale_value} is an initial value only (the weights hold λ) and is accepted as given.
     */
    public static DinoConfig fromMap(Map<String, ?> raw, String source) {
        ConfigReader enc = new ConfigReader(raw, source);
        enc.rejectUnknown(List.of("config", "image_size", "use_cls_token", "version"), Set.of());
        if (raw.get("version") != null) {
            throw new IllegalArgumentException(source + ": config version = " + raw.get("version")
                    + " is not supported (the DINOv2 weights come from the checkpoint; version must be null)");
        }
        if (!(raw.get("config") instanceof Map<?, ?> modelMap)) {
            throw new IllegalArgumentException(source + ": config key 'config' (the Dinov2Config) must be an object");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        modelMap.forEach((k, v) -> model.put(String.valueOf(k), v));
        String where = source + " (config.config)";
        ConfigReader m = new ConfigReader(model, where);
        m.rejectUnknown(MODEL_KEYS, MODEL_IGNORED);
        m.require("hidden_act", "gelu");
        m.require("use_swiglu_ffn", false);
        m.require("num_channels", CHANNELS);
        m.require("num_register_tokens", 0);
        return new DinoConfig(m.integer("hidden_size"), m.integer("num_hidden_layers"), m.integer("num_attention_heads"),
                m.number("mlp_ratio"), m.integer("patch_size"), m.integer("image_size"), m.number("layer_norm_eps"),
                m.bool("qkv_bias"), enc.integer("image_size"), enc.bool("use_cls_token"));
    }

    /**
     * The image encoder of a Hunyuan3D {@code config.yaml} (spec §4.2, §7.1): the {@code kwargs} of
     * {@code conditioner.params.main_image_encoder}, whose {@code type} must be {@code DinoImageEncoder}.
     */
    public static DinoConfig fromYaml(Path file) throws IOException {
        YamlFile yaml = YamlFile.read(file);
        Object type = yaml.section("conditioner", "params", "main_image_encoder").get("type");
        if (!"DinoImageEncoder".equals(type)) {
            throw new IOException(file + ": the conditioner's main_image_encoder type is " + type
                    + ", not DinoImageEncoder");
        }
        return fromMap(yaml.section("conditioner", "params", "main_image_encoder", "kwargs"),
                file + " (conditioner.params.main_image_encoder.kwargs)");
    }
}
