package org.sculpt4d.conditioning;

import java.io.IOException;
import java.nio.file.Path;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.PatchEmbedding;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.nn.WeightLayout;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.nn.io.Checkpoint;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Upstream's {@code DinoImageEncoder} (the conditioner's {@code main_image_encoder}, spec §4.2): a preprocessed image
 * {@code [3, S, S]} in [−1, 1] → DINOv2 {@code last_hidden_state} {@code [tokens, hidden]} (1370 × 1024 for the
 * released ViT-L/14 at 518):
 * <pre>
 *   x = (image + 1)/2 → bilinear resize to image_size (half-pixel centres) → ImageNet mean/std
 *   tokens = [cls; patch_embeddings(x)] + position_embeddings   (bicubic-interpolated when the grid differs)
 *   24 × {@link DinoLayer} → layernorm                           (CLS dropped when use_cls_token is false)
 * </pre>
 * The unconditional embedding for classifier-free guidance is all zeros, not the encoding of a blank image.
 */
public final class DinoImageEncoder {
    /** The DINOv2 encoder's entry in the combined DiT checkpoint (spec §7.1). */
    private static final String COMBINED_PREFIX = "conditioner";
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final DinoConfig config;
    private final PatchEmbedding patches;
    private final Tensor cls;
    private final Tensor positions;
    private final DinoLayer[] layers;
    private final LayerNorm norm;

    private DinoImageEncoder(DinoConfig config, PatchEmbedding patches, Tensor cls, Tensor positions, DinoLayer[] layers,
                             LayerNorm norm) {
        this.config = config;
        this.patches = patches;
        this.cls = cls;
        this.positions = positions;
        this.layers = layers;
        this.norm = norm;
    }

    /**
     * Loads from the conditioner's state dict (keys {@code main_image_encoder.model.*}, {@link DinoLayout}). Every
     * missing or mis-shaped key, and with {@code strict} every key the layout does not list, is named in one
     * {@link org.sculpt4d.nn.WeightLoadException} before any tensor is read.
     */
    public static DinoImageEncoder load(Weights conditioner, DinoConfig c, boolean strict) {
        WeightLayout.check(conditioner, DinoLayout.of(c), strict);
        WeightBinder model = new WeightBinder(conditioner).at("main_image_encoder").at("model");
        WeightBinder emb = model.at("embeddings");
        int h = c.hiddenSize(), g = c.positionGrid();
        Tensor cls = emb.take("cls_token", 1, 1, h).reshape(1, h);
        emb.take("mask_token", 1, h); // masked-image training only
        Tensor table = emb.take("position_embeddings", 1, g * g + 1, h).reshape(g * g + 1, h);
        PatchEmbedding patches = PatchEmbedding.load(emb.at("patch_embeddings").at("projection"), DinoConfig.CHANNELS, h,
                c.patchSize());
        DinoLayer[] layers = new DinoLayer[c.layers()];
        for (int i = 0; i < layers.length; i++) layers[i] = new DinoLayer(model.at("encoder.layer." + i), c);
        LayerNorm norm = LayerNorm.load(model.at("layernorm"), h, (float) c.layerNormEps());
        model.finish(strict, "");
        int grid = c.patchGrid();
        return new DinoImageEncoder(c, patches, cls, positionEmbeddings(table, g, grid, grid), layers, norm);
    }

    /**
     * Loads from a weights file: the combined DiT checkpoint (its {@code conditioner} entry) or a conditioner state
     * dict; keys other than the DINOv2 encoder's are errors.
     */
    public static DinoImageEncoder open(Path file, DinoConfig c) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            return fromCheckpoint(checkpoint.stateDict(), c);
        }
    }

    /** As {@link #open}, from a checkpoint's state dict already opened (its {@code conditioner} entry, or all of it). */
    public static DinoImageEncoder fromCheckpoint(StateDict all, DinoConfig c) {
        return load(all.entryOrAll(COMBINED_PREFIX), c, true);
    }

    /**
     * HF {@code interpolate_pos_encoding} (spec §4.2): the CLS row as is, then the {@code g × g} patch rows
     * unchanged when the target grid is the same, otherwise bicubically resized (a = −0.75, align_corners false) to
     * {@code rows × cols}. {@code table [1 + g², hidden]} → {@code [1 + rows·cols, hidden]}.
     */
    static Tensor positionEmbeddings(Tensor table, int g, int rows, int cols) {
        if (rows == g && cols == g) return table;
        int h = table.cols();
        Tensor grid = Resampling.bicubic(table.slice(1, 1 + g * g).reshape(g, g, h), rows, cols);
        return Ops.concat(0, table.slice(0, 1), grid.reshape(rows * cols, h));
    }

    public DinoConfig config() {
        return config;
    }

    /** The position embeddings added to {@code [cls; patches]} of a resized input, {@code [1 + grid², hidden]}. */
    public Tensor positionEmbeddings() {
        return positions;
    }

    /** {@code image [3, S, S]} in [−1, 1] → {@code [tokens, hidden]}. */
    public Tensor encode(Tensor image) {
        return layersAndNorm(embed(image));
    }

    /** The token sequence entering the first layer: {@code [1 + grid², hidden]}. */
    public Tensor embed(Tensor image) {
        Tensor tokens = patches.forward(normalize(image));
        return Ops.add(Ops.concat(0, cls, tokens), positions);
    }

    private Tensor layersAndNorm(Tensor x) {
        for (DinoLayer layer : layers) x = layer.forward(x);
        Tensor out = norm.forward(x);
        return config.useClsToken() ? out : out.slice(1, out.rows()).copy();
    }

    /** All-zero {@code [tokens, hidden]}: upstream's unconditional embedding (spec §4.2, §9.8). */
    public Tensor unconditional() {
        return Tensor.zeros(config.tokens(), config.hiddenSize());
    }

    /**
     * {@code (image + 1)/2}, resized to {@code image_size} (torchvision {@code Resize} of a square tensor: bilinear,
     * half-pixel centres; {@code CenterCrop} is then a no-op), then {@code (x − mean)/std} per channel. Enlarging
     * (512 → 518 in the pipeline) is the same with or without torchvision's antialiasing (spec §4.2); shrinking a
     * larger input here is plain bilinear, i.e. {@code antialias=False}.
     */
    Tensor normalize(Tensor image) {
        image.requireShape("DINOv2 input image", DinoConfig.CHANNELS, -1, -1);
        if (image.dim(1) != image.dim(2)) {
            throw new IllegalArgumentException("DINOv2 input must be square (the preprocessor makes it so), got "
                    + image.dim(1) + "×" + image.dim(2));
        }
        int in = image.dim(1), s = config.imageSize();
        Tensor out = Tensor.zeros(DinoConfig.CHANNELS, s, s);
        for (int c = 0; c < DinoConfig.CHANNELS; c++) {
            Tensor unit = Tensor.zeros(in, in, 1);
            float[] src = image.data(), u = unit.data();
            for (int i = 0; i < in * in; i++) u[i] = (src[image.offset() + c * in * in + i] + 1f) / 2f;
            Tensor plane = in == s ? unit : Resampling.bilinear(unit, s, s);
            float[] d = plane.data(), o = out.data();
            for (int i = 0; i < s * s; i++) o[c * s * s + i] = (d[plane.offset() + i] - MEAN[c]) / STD[c];
        }
        return out;
    }
}
