package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Undoes a per-head packed projection once, at load time. A packed projection's output, per token, is laid out
 * as {@code [heads][parts][d]}: head h's part p is output rows {@code [(h·parts + p)·d, (h·parts + p + 1)·d)}.
 * This holds for the VAE's {@code c_qkv} (parts q, k, v) and {@code c_kv} (k, v) (spec §2.6), and for the DiT's
 * {@code concat(to_q, to_k, to_v)} and {@code concat(to_k, to_v)} (the "scramble" of spec §3.4).
 * Splitting the weight rows accordingly gives ordinary projections whose output has head h in columns
 * {@code [h·d, (h+1)·d)}, which is what the attention kernel reads.
 */
public final class PerHeadPacking {
    private PerHeadPacking() {
    }

    /**
     * Splits the rows of a packed weight {@code [heads·parts·d, in]} (or a packed bias {@code [heads·parts·d]})
     * into {@code parts} tensors of {@code [heads·d, in]} (or {@code [heads·d]}).
     */
    public static Tensor[] split(Tensor packed, int heads, int parts) {
        int rows = packed.dim(0);
        if (rows % (heads * parts) != 0) {
            throw new IllegalArgumentException("packed projection with " + rows + " rows cannot hold " + heads
                    + " heads × " + parts + " parts");
        }
        int d = rows / (heads * parts);
        Tensor[] out = new Tensor[parts];
        for (int p = 0; p < parts; p++) {
            Tensor[] perHead = new Tensor[heads];
            for (int h = 0; h < heads; h++) perHead[h] = packed.narrow(0, (h * parts + p) * d, d);
            out[p] = Ops.concat(0, perHead);
        }
        return out;
    }
}
