package org.sculpt4d.golden;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sculpt4d.config.ConfigReader;
import org.sculpt4d.dit.Dit4D;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.HunyuanDiT;
import org.sculpt4d.mask4d.FrameLayout;
import org.sculpt4d.mask4d.FrameMask;
import org.sculpt4d.mask4d.MaskConfig;
import org.sculpt4d.sampler.FlowMatchEulerSampler;
import org.sculpt4d.sampler.FlowMatchSchedule;
import org.sculpt4d.sampler.VelocityModel;
import org.sculpt4d.tensor.BlockMask;
import org.sculpt4d.tensor.Tensor;

/**
 * Runners of the 4D modules of the golden table (golden-format.md; sculpt4d-method.md §1–3): {@code mask4d},
 * {@code dit4d} and {@code sampler}. A 4D config is the DiT's ({@link DitConfig#fromMap}) plus {@code frames} and a
 * {@code mask} object ({@link MaskConfig}); the sampler's adds {@code steps} and {@code guidance_scale}.
 */
final class FourDRunners {
    private FourDRunners() {
    }

    /**
     * Config {@code frames}, {@code tokens}, {@code mask} → {@code blocks [T·nb, T·nb]} (1 = kept block) and
     * {@code tokens [T·(N+1), T·(N+1)]} (1 = attended token pair), both integer.
     */
    static Map<String, Computed> mask(GoldenBundle b) {
        ConfigReader c = new ConfigReader(b.config(), b.path().toString());
        c.rejectUnknown(List.of("frames", "tokens", "mask"), Set.of());
        MaskConfig m = maskConfig(b);
        FrameLayout layout = m.settings().layout(c.integer("frames"), c.integer("tokens"));
        FrameMask mask = m.mask();
        BlockMask blocks = mask.compile(layout);
        int nb = layout.blocks(), n = layout.sequenceLength();
        long[] kept = new long[nb * nb];
        for (int i = 0; i < nb; i++) for (int j = 0; j < nb; j++) kept[i * nb + j] = blocks.isKept(i, j) ? 1 : 0;
        long[] tokens = new long[n * n];
        for (int q = 0; q < n; q++) for (int k = 0; k < n; k++) tokens[q * n + k] = mask.attends(layout, q, k) ? 1 : 0;
        return Map.of("blocks", Computed.ofLongs(kept, nb, nb), "tokens", Computed.ofLongs(tokens, n, n));
    }

    /** {@code x [B,T,N,C]}, {@code t [B]}, {@code cond [B,T,S,context_dim]} → {@code v [B,T,N,C]}; all DiT weights. */
    static Map<String, Computed> dit4d(GoldenBundle b) throws IOException {
        DitConfig c = ditConfig(b, "frames", "mask");
        Dit4D model = dit4dOf(b, c);
        Tensor x = b.floats("x", -1, frames(b), -1, c.inChannels());
        int batch = x.dim(0);
        float[] t = b.floats("t", batch).toArray();
        Tensor cond = b.floats("cond", batch, frames(b), -1, c.contextDim());
        return Map.of("v", Computed.of(model.velocity(x, t, cond)));
    }

    /**
     * {@code noise [B,T,N,C]}, {@code cond [B,T,S,context_dim]}; config {@code steps}, {@code guidance_scale} → the
     * final {@code latents [B,T,N,C]} of the flow-matching Euler loop (hunyuan3d21-shape.md §5.3). Without
     * {@code frames} the model is the 3D DiT on {@code [B,N,C]} (T = 1).
     */
    static Map<String, Computed> sampler(GoldenBundle b) throws IOException {
        DitConfig c = ditConfig(b, "frames", "mask", "steps", "guidance_scale");
        ConfigReader r = new ConfigReader(b.config(), b.path().toString());
        boolean fourD = b.config().containsKey("frames");
        VelocityModel model;
        if (fourD) {
            model = dit4dOf(b, c);
        } else {
            HunyuanDiT dit = HunyuanDiT.load(b.weights(), c, true);
            model = (x, t, y) -> dit.forward(x.reshape(x.dim(0), x.dim(2), x.dim(3)), t, y.reshape(y.dim(0), y.dim(2), y.dim(3)))
                    .reshape(x.shape());
        }
        Tensor noise = b.floats("noise", -1, fourD ? frames(b) : 1, -1, c.inChannels());
        Tensor cond = b.floats("cond", noise.dim(0), noise.dim(1), -1, c.contextDim());
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(FlowMatchSchedule.of(r.integer("steps")),
                (float) r.number("guidance_scale"));
        return Map.of("latents", Computed.of(sampler.sample(model, noise, cond)));
    }

    private static Dit4D dit4dOf(GoldenBundle b, DitConfig c) {
        MaskConfig m = maskConfig(b);
        return new Dit4D(HunyuanDiT.load(b.weights(), c, true), m.mask(), m.settings());
    }

    private static int frames(GoldenBundle b) {
        return new ConfigReader(b.config(), b.path().toString()).integer("frames");
    }

    @SuppressWarnings("unchecked")
    private static MaskConfig maskConfig(GoldenBundle b) {
        Object mask = b.config().get("mask");
        if (!(mask instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(b.path() + ": config key 'mask' must be an object, got " + mask);
        }
        return MaskConfig.fromMap((Map<String, ?>) m, b.path().toString());
    }

    /** The DiT config: the bundle's config without the 4D keys {@code extra}. */
    private static DitConfig ditConfig(GoldenBundle b, String... extra) {
        Map<String, Object> raw = new LinkedHashMap<>(b.config());
        for (String k : extra) raw.remove(k);
        return DitConfig.fromMap(raw, b.path().toString());
    }
}
