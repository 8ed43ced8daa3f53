package org.sculpt4d.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.config.YamlFile;

/**
 * ShapeVAE constructor arguments, named as upstream names them (spec §2.1). Built from a map (a {@code config.yaml}
 * {@code params} block or a golden bundle's config): every key this port needs must be present, since upstream class
 * defaults differ from the released config; the only defaults filled in are the documented class defaults that the
 * released config leaves out ({@code downsample_ratio} 20, {@code use_ln_post} true). Values this port does not
 * implement are rejected by name.
 */
public record ShapeVaeConfig(int numLatents, int embedDim, int numFreqs, boolean includePi, int heads, int width,
                             int numEncoderLayers, int numDecoderLayers, boolean qkvBias, boolean qkNorm,
                             int pointFeats, int pcSize, int pcSharpedgeSize, int geoDecoderMlpExpandRatio,
                             boolean geoDecoderLnPost, int downsampleRatio, double scaleFactor) {

    /** This configuration with another {@code num_latents}. */
    public ShapeVaeConfig withLatents(int latents) {
        return new ShapeVaeConfig(latents, embedDim, numFreqs, includePi, heads, width, numEncoderLayers,
                numDecoderLayers, qkvBias, qkNorm, pointFeats, pcSize, pcSharpedgeSize, geoDecoderMlpExpandRatio,
                geoDecoderLnPost, downsampleRatio, scaleFactor);
    }

    /** This configuration with other surface sizes ({@code pc_size}, {@code pc_sharpedge_size}). */
    public ShapeVaeConfig withSurfaceSizes(int uniform, int sharp) {
        return new ShapeVaeConfig(numLatents, embedDim, numFreqs, includePi, heads, width, numEncoderLayers,
                numDecoderLayers, qkvBias, qkNorm, pointFeats, uniform, sharp, geoDecoderMlpExpandRatio,
                geoDecoderLnPost, downsampleRatio, scaleFactor);
    }

    /** The released Hunyuan3D 2.1 VAE (spec §2.1). */
    public static ShapeVaeConfig released() {
        return new ShapeVaeConfig(4096, 64, 8, false, 16, 1024, 8, 16, false, true, 4, 81920, 0, 4, true, 20,
                1.0039506158752403);
    }

    private static final Set<String> IGNORED = Set.of("label_type", "drop_path_rate", "ckpt_path");

    public static ShapeVaeConfig fromMap(Map<String, ?> raw, String source) {
        ConfigReader c = new ConfigReader(raw, source);
        c.require("geo_decoder_downsample_ratio", 1);
        c.require("use_ln_post", true);
        ShapeVaeConfig cfg = new ShapeVaeConfig(
                c.integer("num_latents"), c.integer("embed_dim"), c.integer("num_freqs"), c.bool("include_pi"),
                c.integer("heads"), c.integer("width"), c.integer("num_encoder_layers"), c.integer("num_decoder_layers"),
                c.bool("qkv_bias"), c.bool("qk_norm"), c.integer("point_feats"), c.integer("pc_size"),
                c.integer("pc_sharpedge_size"), c.integer("geo_decoder_mlp_expand_ratio"),
                c.bool("geo_decoder_ln_post"), c.integerOr("downsample_ratio", 20), c.number("scale_factor"));
        c.rejectUnknown(List.of("num_latents", "embed_dim", "num_freqs", "include_pi", "heads", "width",
                "num_encoder_layers", "num_decoder_layers", "qkv_bias", "qk_norm", "point_feats", "pc_size",
                "pc_sharpedge_size", "geo_decoder_mlp_expand_ratio", "geo_decoder_downsample_ratio",
                "geo_decoder_ln_post", "downsample_ratio", "scale_factor", "use_ln_post"), IGNORED);
        if (cfg.width % cfg.heads != 0) {
            throw new IllegalArgumentException(source + ": width " + cfg.width + " is not a multiple of heads " + cfg.heads);
        }
        return cfg;
    }

    /**
     * The VAE config of a Hunyuan3D {@code config.yaml} (spec §2.1, §7.1): the {@code params} of the {@code vae}
     * section of {@code hunyuan3d-dit-v2-1/config.yaml}, or the top-level {@code params} of
     * {@code hunyuan3d-vae-v2-1/config.yaml}. A {@code target} beside them must name ShapeVAE.
     */
    public static ShapeVaeConfig fromYaml(Path file) throws IOException {
        YamlFile yaml = YamlFile.read(file);
        String[] section = yaml.has("vae") ? new String[] {"vae"} : new String[0];
        Object target = yaml.section(section).get("target");
        if (target != null && !String.valueOf(target).endsWith(".ShapeVAE")) {
            throw new IOException(file + ": the VAE's target is " + target + ", not ShapeVAE");
        }
        String[] params = Arrays.copyOf(section, section.length + 1);
        params[section.length] = "params";
        return fromMap(yaml.section(params), file + " (" + String.join(".", params) + ")");
    }

    /** As upstream's constructor arguments (for manifests and bundles). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("num_latents", numLatents);
        m.put("embed_dim", embedDim);
        m.put("num_freqs", numFreqs);
        m.put("include_pi", includePi);
        m.put("heads", heads);
        m.put("width", width);
        m.put("num_encoder_layers", numEncoderLayers);
        m.put("num_decoder_layers", numDecoderLayers);
        m.put("qkv_bias", qkvBias);
        m.put("qk_norm", qkNorm);
        m.put("point_feats", pointFeats);
        m.put("pc_size", pcSize);
        m.put("pc_sharpedge_size", pcSharpedgeSize);
        m.put("geo_decoder_mlp_expand_ratio", geoDecoderMlpExpandRatio);
        m.put("geo_decoder_downsample_ratio", 1);
        m.put("geo_decoder_ln_post", geoDecoderLnPost);
        m.put("downsample_ratio", downsampleRatio);
        m.put("scale_factor", scaleFactor);
        return m;
    }
}
