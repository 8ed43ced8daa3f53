package org.sculpt4d.golden;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.ImagePreprocessor;
import org.sculpt4d.conditioning.PixelImage;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.tensor.Tensor;

/**
 * Runners of the image conditioner's modules (golden-outputs/README.md): {@code image_preprocess} (spec §4.1) and
 * {@code dinov2} (spec §4.2).
 */
final class ConditioningRunners {
    private ConditioningRunners() {
    }

    /**
     * {@code rgba [B,H,W,4]} (I64, 0..255) → {@code recentered [B,S,S,3]} (I64, S = max(H,W)) and
     * {@code image [B,3,size,size]}. Config: ImageProcessorV2's {@code size} and {@code border_ratio}.
     */
    static Map<String, Computed> imagePreprocess(GoldenBundle b) throws IOException {
        ConfigReader c = new ConfigReader(b.config(), b.path().toString());
        c.rejectUnknown(List.of("size", "border_ratio"), Set.of());
        ImagePreprocessor pre = new ImagePreprocessor(c.integer("size"), c.number("border_ratio"));
        int[] raw = b.ints("rgba", -1, -1, -1, 4);
        int[] shape = b.inputShape("rgba");
        int batch = shape[0], h = shape[1], w = shape[2], side = Math.max(h, w);
        long[] recentered = new long[batch * side * side * 3];
        List<Tensor> images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            int[] values = Arrays.copyOfRange(raw, i * h * w * 4, (i + 1) * h * w * 4);
            for (int v : values) {
                if (v < 0 || v > 255) throw b.problem("input.rgba holds " + v + ", outside 0..255");
            }
            PixelImage rgb = pre.recenter(new PixelImage(h, w, 4, values), b.path() + " item " + i);
            for (int k = 0; k < rgb.values().length; k++) recentered[i * side * side * 3 + k] = rgb.values()[k];
            images.add(pre.resize(rgb));
        }
        return Map.of("recentered", Computed.ofLongs(recentered, batch, side, side, 3), "image", Computed.stack(images));
    }

    /**
     * {@code image [B,3,s,s]} in [−1,1] → {@code position_embeddings [1,1+n²,hidden]}, {@code embeddings
     * [B,1+n²,hidden]} and {@code last_hidden_state [B,tokens,hidden]}. Config: DinoImageEncoder's arguments
     * ({@link DinoConfig#fromMap}); weights under {@code main_image_encoder.model.*}, exactly the layout's keys.
     */
    static Map<String, Computed> dinov2(GoldenBundle b) throws IOException {
        DinoConfig c = DinoConfig.fromMap(b.config(), b.path().toString());
        DinoImageEncoder encoder = DinoImageEncoder.load(b.weights(), c, true);
        Tensor images = b.floats("image", -1, DinoConfig.CHANNELS, -1, -1);
        List<Tensor> embeddings = new ArrayList<>(), hidden = new ArrayList<>();
        for (int i = 0; i < images.dim(0); i++) {
            embeddings.add(encoder.embed(images.select(i)));
            hidden.add(encoder.encode(images.select(i)));
        }
        return Map.of("position_embeddings", Computed.stack(List.of(encoder.positionEmbeddings())),
                "embeddings", Computed.stack(embeddings), "last_hidden_state", Computed.stack(hidden));
    }
}
