package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * A token-wise mixture of GELU MLP experts with an always-on shared expert (Hunyuan3D 2.1's {@code MoEBlock}, spec
 * §3.5):
 * <pre>
 *   p = softmax(x·W_gateᵀ)                      over the experts, per token
 *   y = Σ_{e ∈ top-k(p)} p_e · expert_e(x) + shared(x)
 * </pre>
 * The weights are the raw probabilities of the chosen experts, NOT renormalised to sum to 1 ({@code norm_topk_prob}
 * false). Every token is routed; there is no capacity limit. A token's routed terms are added in expert order, as
 * upstream's {@code moe_infer} does. Keys: {@code gate.weight [E, width]},
 * {@code experts.{e}.net.{0.proj,2}.{weight,bias}}, {@code shared_experts.net.{0.proj,2}.{weight,bias}} (diffusers
 * {@code FeedForward}).
 */
public final class MixtureOfExperts {
    private final Tensor gate;
    private final GeluMlp[] experts;
    private final GeluMlp shared;
    private final int topK;

    public MixtureOfExperts(Tensor gate, GeluMlp[] experts, GeluMlp shared, int topK) {
        gate.requireShape("MoE gate", experts.length, -1);
        if (topK < 1 || topK > experts.length) {
            throw new IllegalArgumentException("MoE top-k " + topK + " for " + experts.length + " experts");
        }
        this.gate = gate;
        this.experts = experts.clone();
        this.shared = shared;
        this.topK = topK;
    }

    /** Loads {@code experts} routed experts of {@code width → hidden → width}, the shared expert and the gate. */
    public static MixtureOfExperts load(WeightBinder w, int width, int hidden, int experts, int topK) {
        GeluMlp[] e = new GeluMlp[experts];
        for (int i = 0; i < experts; i++) e[i] = GeluMlp.load(w.at("experts." + i + ".net"), "0.proj", "2", width, hidden);
        Tensor gate = w.take("gate.weight", experts, width);
        return new MixtureOfExperts(gate, e, GeluMlp.load(w.at("shared_experts.net"), "0.proj", "2", width, hidden), topK);
    }

    /** The routing of some tokens: for token r, its j-th choice is {@code expert[r·k + j]} with weight {@code weight[r·k + j]}. */
    public record Routing(int k, int[] expert, float[] weight) {
    }

    /** The gate's decision for every row of {@code x [..., width]}: the top-k experts and their softmax probabilities. */
    public Routing route(Tensor x) {
        Tensor probabilities = Ops.softmax(Ops.linear(x.reshape(-1, x.cols()), gate, null));
        Ops.TopK top = Ops.topK(probabilities, topK);
        return new Routing(topK, top.indices(), top.values().toArray());
    }

    /** {@code x [..., width]} → same shape. */
    public Tensor forward(Tensor x) {
        Tensor flat = x.reshape(-1, x.cols());
        Routing r = route(flat);
        int width = flat.cols();
        Tensor y = Tensor.zeros(flat.shape());
        float[] yd = y.data();
        for (int e = 0; e < experts.length; e++) {
            int count = 0;
            for (int c : r.expert()) if (c == e) count++;
            if (count == 0) continue;
            int[] rows = new int[count];
            float[] weights = new float[count];
            for (int i = 0, n = 0; i < r.expert().length; i++) {
                if (r.expert()[i] != e) continue;
                rows[n] = i / topK;
                weights[n++] = r.weight()[i];
            }
            Tensor out = experts[e].forward(Ops.gather(flat, 0, rows));
            float[] od = out.data();
            for (int n = 0; n < count; n++) {
                int yo = rows[n] * width, oo = out.offset() + n * width;
                for (int j = 0; j < width; j++) yd[yo + j] += od[oo + j] * weights[n];
            }
        }
        return Ops.add(y, shared.forward(flat)).reshape(x.shape());
    }

    public int experts() {
        return experts.length;
    }
}
