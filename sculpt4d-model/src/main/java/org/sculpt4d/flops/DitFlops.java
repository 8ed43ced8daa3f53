package org.sculpt4d.flops;

import java.util.Arrays;
import org.sculpt4d.dit.DitConfig;

/**
 * Floating-point operations of one forward pass of the 4D DiT (sculpt4d-method.md §2 "Published compute figures",
 * dimensions from hunyuan3d21-shape.md §3), counting a multiply-add as 2 FLOPs and ignoring biases, norms, softmax
 * and activations. With {@code L = T·N} latent tokens, hidden width {@code d}, {@code S} context tokens of width
 * {@code d_c} per frame and self-attention mask density {@code ρ}, per block:
 * <pre>
 *   8·L·d²                       q, k, v, out projections of self-attention
 *   4·ρ·L²·d                     self-attention: Q·Kᵀ and P·V over the kept (query, key) pairs
 *   4·L·d² + 4·T·S·d_c·d + 4·L·S·d   cross-attention: q/out projections, k/v of each frame's context, attention
 *   16·L·d²                      MLP, or (top-k + 1)·16·L·d² in MoE blocks (routed experts + the shared one)
 *   2·L·d·E                      MoE gate (MoE blocks only, E experts)
 *   4·L·d²                       long-skip linear 2d → d (blocks after the middle one)
 * </pre>
 * and once per forward the x_embedder ({@code 2·L·C·d}), the final linear ({@code 2·L·d·C}) and the time embedding
 * MLP ({@code 16·d²} per time token, one per frame). The spec's formula counts {@code N} latent tokens per frame;
 * pass {@code N + 1} to include each frame's time token.
 */
public final class DitFlops {
    /** What one DiT forward is made of. */
    public enum Component {
        SELF_PROJECTIONS("self-attn q,k,v,out"),
        SELF_ATTENTION("self-attention (masked)"),
        CROSS_PROJECTIONS("cross-attn q,out"),
        CONTEXT_PROJECTIONS("cross-attn k,v of context"),
        CROSS_ATTENTION("cross-attention"),
        MLP("MLP (plain blocks)"),
        MOE_EXPERTS("MoE: top-k + shared experts"),
        MOE_GATE("MoE gate"),
        LONG_SKIP("long-skip linear"),
        X_EMBEDDER("x_embedder"),
        TIME_EMBEDDER("time embedding MLP"),
        FINAL_LAYER("final linear");

        private final String label;

        Component(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Whether the component sits in every block (else it runs once per forward). */
        public boolean perBlock() {
            return ordinal() <= LONG_SKIP.ordinal();
        }
    }

    /** The DiT's widths and depths ({@code HunYuanDiTPlain}, spec §3.1). */
    public record Dims(int hidden, int contextDim, int contextTokens, int depth, int moeLayers, int experts, int topK,
            int latentChannels) {
        public Dims {
            if (hidden < 1 || contextDim < 1 || contextTokens < 0 || depth < 1 || latentChannels < 1) {
                throw new IllegalArgumentException("DiT dimensions must be positive: " + this);
            }
            if (moeLayers < 0 || moeLayers > depth || (moeLayers > 0 && (topK < 1 || topK > experts))) {
                throw new IllegalArgumentException("MoE settings out of range: " + this);
            }
        }

        /** The released Hunyuan3D 2.1 DiT: d 2048, context 1370×1024, 21 blocks, 6 MoE blocks of 8 experts, top 2. */
        public static Dims released() {
            return new Dims(2048, 1024, 1370, 21, 6, 8, 2, 64);
        }

        /** The dimensions of the DiT configured by {@code c}, conditioned on {@code contextTokens} image tokens. */
        public static Dims of(DitConfig c, int contextTokens) {
            return new Dims(c.hiddenSize(), c.contextDim(), contextTokens, c.depth(), c.numMoeLayers(), c.numExperts(),
                    c.moeTopK(), c.inChannels());
        }

        /** MoE blocks are the last {@code moeLayers} ({@code depth − i ≤ moeLayers}, spec §3.5). */
        public boolean isMoe(int block) {
            return depth - block <= moeLayers;
        }

        /** Blocks after the middle one {@code depth/2} take a long skip (spec §3.2). */
        public boolean hasSkip(int block) {
            return block > depth / 2;
        }
    }

    private final Dims dims;
    private final int frames;
    private final int tokensPerFrame;
    private final double density;

    /**
     * @param density the share of (query, key) pairs the self-attention mask keeps, in [0, 1]
     */
    public DitFlops(Dims dims, int frames, int tokensPerFrame, double density) {
        if (frames < 1 || tokensPerFrame < 1) {
            throw new IllegalArgumentException("frames and tokens must be positive, got " + frames + " and " + tokensPerFrame);
        }
        if (!(density >= 0 && density <= 1)) throw new IllegalArgumentException("density must be in [0, 1], got " + density);
        this.dims = dims;
        this.frames = frames;
        this.tokensPerFrame = tokensPerFrame;
        this.density = density;
    }

    public Dims dims() {
        return dims;
    }

    public double density() {
        return density;
    }

    /** FLOPs of {@code c} in one block that has it; for the once-per-forward components, per forward. */
    public double perBlock(Component c) {
        double l = (double) frames * tokensPerFrame;
        double d = dims.hidden();
        return switch (c) {
            case SELF_PROJECTIONS -> 8 * l * d * d;
            case SELF_ATTENTION -> 4 * density * l * l * d;
            case CROSS_PROJECTIONS -> 4 * l * d * d;
            case CONTEXT_PROJECTIONS -> 4.0 * frames * dims.contextTokens() * dims.contextDim() * d;
            case CROSS_ATTENTION -> 4 * l * dims.contextTokens() * d;
            case MLP -> 16 * l * d * d;
            case MOE_EXPERTS -> 16 * l * d * d * (dims.topK() + 1);
            case MOE_GATE -> 2 * l * d * dims.experts();
            case LONG_SKIP -> 4 * l * d * d;
            case X_EMBEDDER, FINAL_LAYER -> 2 * l * dims.latentChannels() * d;
            case TIME_EMBEDDER -> 16.0 * frames * d * d;
        };
    }

    /** Whether block {@code block} has component {@code c} (the once-per-forward components are in none). */
    public boolean has(int block, Component c) {
        if (block < 0 || block >= dims.depth()) throw new IllegalArgumentException("block " + block + " of " + dims.depth());
        return switch (c) {
            case MLP -> !dims.isMoe(block);
            case MOE_EXPERTS, MOE_GATE -> dims.isMoe(block);
            case LONG_SKIP -> dims.hasSkip(block);
            default -> c.perBlock();
        };
    }

    /** How many times one forward runs {@code c}: the blocks that have it, or 1 for the embedders and final layer. */
    public int count(Component c) {
        if (!c.perBlock()) return 1;
        int n = 0;
        for (int b = 0; b < dims.depth(); b++) if (has(b, c)) n++;
        return n;
    }

    /** FLOPs of {@code c} in one forward. */
    public double perForward(Component c) {
        return perBlock(c) * count(c);
    }

    /** FLOPs of block {@code block}. */
    public double block(int block) {
        double sum = 0;
        for (Component c : Component.values()) if (has(block, c)) sum += perBlock(c);
        return sum;
    }

    /** FLOPs of one forward pass. */
    public double forward() {
        return Arrays.stream(Component.values()).mapToDouble(this::perForward).sum();
    }

    /** FLOPs of a whole generation: {@code steps} model calls, each on the batch of 2 when guided (CFG). */
    public double generation(int steps, boolean cfg) {
        if (steps < 0) throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        return forward() * steps * (cfg ? 2 : 1);
    }

    /** The same DiT and sequence with another mask density. */
    public DitFlops withDensity(double otherDensity) {
        return new DitFlops(dims, frames, tokensPerFrame, otherDensity);
    }
}
