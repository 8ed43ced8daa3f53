package org.sculpt4d.dit;

import java.util.Arrays;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.FrameMask;
import org.sculpt4d.mask4d.MaskSettings;
import org.sculpt4d.sampler.VelocityModel;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Sculpt4D's 4D denoiser (sculpt4d-method.md §1–2): Hunyuan3D 2.1's DiT with the weights shared by all frames, run on
 * latents {@code [B, T, N, C]}.
 * <pre>
 *   frame t's tokens  = concat(t_embedder(time), x_embedder(x[:, t]))   each frame its own time token: [B, T, 1 + N, hidden]
 *   sequence          = the frames one after the other ({@link FrameLayout}): [B, T·(1 + N), hidden]
 *   blocks            as in 3D, self-attention under the mask's kernel, cross-attention per frame to cond[:, t]
 *   v[:, t]           = final_layer(frame t's latent tokens)            time tokens dropped
 * </pre>
 * The self-attention kernel follows the mask: dense when it keeps every block (so T = 1 is exactly
 * {@link HunyuanDiT#forward}), position-aligned for {@code temporal-only}, block-sparse otherwise. No positional or
 * frame-index embedding [choice, §1].
 */
public final class Dit4D implements VelocityModel {
    private final HunyuanDiT dit;
    private final FrameMask mask;
    private final MaskSettings settings;

    public Dit4D(HunyuanDiT dit, FrameMask mask, MaskSettings settings) {
        this.dit = dit;
        this.mask = mask;
        this.settings = settings;
    }

    /** The self-attention kernel for {@code frames} frames of {@code tokens} latent tokens. */
    public AttentionKernel selfAttention(int frames, int tokens) {
        return kernel(mask, settings.layout(frames, tokens));
    }

    /** The kernel of {@code mask} over {@code layout}: position-aligned, dense when every block is kept, else block-sparse. */
    public static AttentionKernel kernel(FrameMask mask, FrameLayout layout) {
        if (mask.positionAligned(layout)) return AttentionKernel.aligned(layout.frames());
        BlockMask compiled = mask.compile(layout);
        return compiled.keptTiles() == (long) compiled.queryBlocks() * compiled.keyBlocks()
                ? AttentionKernel.DENSE : AttentionKernel.blockSparse(compiled);
    }

    /**
     * @param latents {@code [B, T, N, C]}
     * @param time    {@code [B]} flow times, one per sequence (shared by its frames)
     * @param context {@code [B, T, S, context_dim]}: frame t's image tokens
     * @return the velocity {@code [B, T, N, C]}
     */
    @Override
    public Tensor velocity(Tensor latents, float[] time, Tensor context) {
        DitConfig c = dit.config();
        latents.requireShape("4D DiT latents", -1, -1, -1, c.inChannels());
        int batch = latents.dim(0), frames = latents.dim(1), n = latents.dim(2);
        context.requireShape("4D DiT condition", batch, frames, -1, c.contextDim());
        if (time.length != batch) {
            throw new IllegalArgumentException("4D DiT: " + time.length + " flow times for a batch of " + batch);
        }
        AttentionKernel kernel = selfAttention(frames, n);
        // the items of the batch (CFG's conditional and unconditional halves) one after the other: the same result,
        // with the activations of one sequence alive at a time
        Tensor v = Tensor.zeros(latents.shape());
        for (int b = 0; b < batch; b++) {
            v.narrow(0, b, 1).copyFrom(sequence(latents.narrow(0, b, 1), time[b], context.narrow(0, b, 1), kernel));
        }
        return v;
    }

    /** One sequence: {@code x [1, T, N, C]}, {@code cond [1, T, S, context_dim]} → velocity {@code [1, T, N, C]}. */
    private Tensor sequence(Tensor x, float time, Tensor cond, AttentionKernel kernel) {
        DitConfig c = dit.config();
        int frames = x.dim(1), n = x.dim(2);
        float[] frameTimes = new float[frames];
        Arrays.fill(frameTimes, time);
        Tensor perFrame = Ops.concat(1, dit.timeTokens(frameTimes), dit.embedLatents(x.reshape(frames, n, c.inChannels())));
        Tensor h = dit.blocks(perFrame.reshape(1, frames * (n + 1), c.hiddenSize()),
                cond.reshape(frames, cond.dim(2), c.contextDim()), kernel);
        return dit.output(h.reshape(frames, n + 1, c.hiddenSize()).narrow(1, 1, n)).reshape(1, frames, n, c.inChannels());
    }
}
