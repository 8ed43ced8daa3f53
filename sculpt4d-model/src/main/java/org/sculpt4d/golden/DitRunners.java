package org.sculpt4d.golden;

import java.io.IOException;
import java.util.Map;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.HunyuanDiT;
import org.sculpt4d.dit.TimestepEmbedder;
import org.sculpt4d.tensor.Tensor;

/**
 * Runners of the DiT modules of the golden table (golden-format.md): {@code dit.timestep} and {@code dit}. The config
 * is HunYuanDiTPlain's constructor arguments ({@link DitConfig#fromMap}); each loads exactly its weights (no key
 * missing, none extra).
 */
final class DitRunners {
    private DitRunners() {
    }

    /** {@code t [B]} → {@code embedding [B, 1, hidden_size]}; weights {@code t_embedder.*}. */
    static Map<String, Computed> timestep(GoldenBundle b) throws IOException {
        DitConfig c = DitConfig.fromMap(b.config(), b.path().toString());
        TimestepEmbedder embedder = HunyuanDiT.loadTimestepEmbedder(b.weights(), c, true);
        return Map.of("embedding", Computed.of(embedder.forward(b.floats("t", -1).toArray())));
    }

    /** {@code x [B, N, C]}, {@code t [B]}, {@code cond [B, S, context_dim]} → {@code v [B, N, C]}; all weights. */
    static Map<String, Computed> dit(GoldenBundle b) throws IOException {
        DitConfig c = DitConfig.fromMap(b.config(), b.path().toString());
        HunyuanDiT model = HunyuanDiT.load(b.weights(), c, true);
        Tensor x = b.floats("x", -1, -1, c.inChannels());
        int batch = x.dim(0);
        float[] t = b.floats("t", batch).toArray();
        Tensor cond = b.floats("cond", batch, -1, c.contextDim());
        return Map.of("v", Computed.of(model.forward(x, t, cond)));
    }
}
