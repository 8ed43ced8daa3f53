package org.sculpt4d.dit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sculpt4d.nn.LayerNorm;
import org.sculpt4d.nn.Linear;
import org.sculpt4d.nn.WeightLayout;
import org.sculpt4d.nn.WeightBinder;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.nn.io.Checkpoint;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Hunyuan3D 2.1's denoiser, upstream {@code HunYuanDiTPlain} (spec §3.2): it predicts the flow velocity of latents
 * {@code x [B, N, C]} at flow time {@code t ∈ [0, 1]} (0 = noise, 1 = data, spec §5.1) given image tokens
 * {@code cond [B, S, context_dim]}.
 * <pre>
 *   h = concat(t_embedder(t), x_embedder(x))       the time token is prepended: [B, 1 + N, hidden]
 *   h = blocks(h, cond)                            U-ViT long skips between blocks i and depth−1−i
 *   v = final_layer.linear(final_layer.norm_final(h))[:, 1:]   the time token dropped
 * </pre>
 * There is no positional embedding, so the latent tokens form a set: permuting them permutes the output. The pieces
 * are public ({@link #timeTokens}, {@link #embedLatents}, {@link #blocks}, {@link #output}) so that a model with another
 * token layout (several frames, each with its own time token, and a block-sparse self-attention mask) can be assembled
 * from the same weights.
 */
public final class HunyuanDiT {
    /** The DiT's entry in the combined checkpoint {@code hunyuan3d-dit-v2-1/model.fp16.ckpt} (spec §7.1). */
    private static final String COMBINED_PREFIX = "model";

    private final DitConfig config;
    private final Linear xEmbedder;
    private final TimestepEmbedder tEmbedder;
    private final DitBlock[] blocks;
    private final LayerNorm normFinal;
    private final Linear finalLinear;

    private HunyuanDiT(DitConfig config, Linear xEmbedder, TimestepEmbedder tEmbedder, DitBlock[] blocks,
                       LayerNorm normFinal, Linear finalLinear) {
        this.config = config;
        this.xEmbedder = xEmbedder;
        this.tEmbedder = tEmbedder;
        this.blocks = blocks;
        this.normFinal = normFinal;
        this.finalLinear = finalLinear;
    }

    /**
     * Loads from a state dict with upstream keys (the {@code model} entry of the checkpoint). The keys are checked
     * against {@link DitLayout} before any tensor is read: every missing or mis-shaped key is reported at once; with
     * {@code strict}, so is every key of the source that the model does not use.
     */
    public static HunyuanDiT load(Weights weights, DitConfig c, boolean strict) {
        WeightLayout.check(weights, DitLayout.of(c), strict);
        WeightBinder w = new WeightBinder(weights);
        int h = c.hiddenSize();
        Linear xEmbedder = Linear.load(w.at("x_embedder"), c.inChannels(), h, true);
        TimestepEmbedder tEmbedder = TimestepEmbedder.load(w.at("t_embedder"), h);
        DitBlock[] blocks = new DitBlock[c.depth()];
        for (int i = 0; i < blocks.length; i++) blocks[i] = DitBlock.load(w.at("blocks." + i), c, i);
        LayerNorm normFinal = LayerNorm.load(w.at("final_layer.norm_final"), h, 1e-6f);
        Linear finalLinear = Linear.load(w.at("final_layer.linear"), h, c.inChannels(), true);
        w.finish(strict, "");
        return new HunyuanDiT(c, xEmbedder, tEmbedder, blocks, normFinal, finalLinear);
    }

    /** The timestep embedder alone ({@code t_embedder.*}, checked like {@link #load}). */
    public static TimestepEmbedder loadTimestepEmbedder(Weights weights, DitConfig c, boolean strict) {
        WeightLayout.check(weights, DitLayout.timestepEmbedder(c), strict);
        WeightBinder w = new WeightBinder(weights);
        TimestepEmbedder t = TimestepEmbedder.load(w.at("t_embedder"), c.hiddenSize());
        w.finish(strict, "");
        return t;
    }

    /**
     * Loads from a weights file (safetensors or {@code torch.save}, see {@link Checkpoint#open}): the combined
     * checkpoint (keys {@code model.*}, beside {@code vae.*} and {@code conditioner.*}, spec §7.1), or a file holding
     * the DiT's state dict alone. Either way the DiT's keys must be exactly those of {@link DitLayout}.
     */
    public static HunyuanDiT open(Path file, DitConfig c) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            return fromCheckpoint(checkpoint.stateDict(), c);
        }
    }

    /** As {@link #open}, from a checkpoint's state dict already opened (its {@code model} entry, or all of it). */
    public static HunyuanDiT fromCheckpoint(StateDict all, DitConfig c) {
        return load(all.entryOrAll(COMBINED_PREFIX), c, true);
    }

    public DitConfig config() {
        return config;
    }

    /** The velocity {@code [B, N, C]} of latents {@code x [B, N, C]} at flow times {@code t [B]} given {@code cond [B, S, context_dim]}. */
    public Tensor forward(Tensor x, float[] t, Tensor cond) {
        x.requireShape("DiT latents x", -1, -1, config.inChannels());
        int batch = x.dim(0), n = x.dim(1);
        cond.requireShape("DiT condition", batch, -1, config.contextDim());
        if (t.length != batch) throw new IllegalArgumentException("DiT: " + t.length + " flow times for a batch of " + batch);
        // one item of the batch (CFG's conditional and unconditional halves) after the other: the same result, with
        // the activations of one sequence alive at a time (as the 4D model does)
        Tensor v = Tensor.zeros(x.shape());
        for (int b = 0; b < batch; b++) {
            Tensor h = blocks(Ops.concat(1, timeTokens(new float[] {t[b]}), embedLatents(x.narrow(0, b, 1))),
                    cond.narrow(0, b, 1), AttentionKernel.DENSE);
            v.narrow(0, b, 1).copyFrom(output(h.narrow(1, 1, n)));
        }
        return v;
    }

    /** Flow times {@code t [B]} → time tokens {@code [B, 1, hidden]}. */
    public Tensor timeTokens(float[] t) {
        return tEmbedder.forward(t);
    }

    /** Latents {@code [..., C]} → tokens {@code [..., hidden]} ({@code x_embedder}). */
    public Tensor embedLatents(Tensor x) {
        return xEmbedder.forward(x);
    }

    /**
     * The block stack with its long skips on tokens {@code h [B, n, hidden]}: blocks {@code i < depth/2} push their
     * output, blocks {@code i > depth/2} pop one (so block {@code depth−1−i} takes block i's output; with an even depth
     * the first pushed value is never used). {@code selfMask} (null: dense) is passed to every self-attention;
     * {@code cond} is {@code [B, S, context_dim]}, or {@code [B·T, S, context_dim]} for T frames of tokens (see
     * {@link DitBlock#forward}).
     */
    public Tensor blocks(Tensor h, Tensor cond, BlockMask selfMask) {
        return blocks(h, cond, AttentionKernel.blockSparse(selfMask));
    }

    /** As {@link #blocks(Tensor, Tensor, BlockMask)} with every self-attention's pattern given by {@code selfAttention}. */
    public Tensor blocks(Tensor h, Tensor cond, AttentionKernel selfAttention) {
        Deque<Tensor> skips = new ArrayDeque<>();
        for (int i = 0; i < blocks.length; i++) {
            h = blocks[i].forward(h, cond, blocks[i].takesSkip() ? skips.pop() : null, selfAttention);
            if (config.pushesSkip(i)) skips.push(h);
        }
        return h;
    }

    /** Tokens {@code [..., hidden]} → velocities {@code [..., C]} ({@code final_layer}: LayerNorm, Linear; both per token). */
    public Tensor output(Tensor h) {
        return finalLinear.forward(normFinal.forward(h));
    }
}
