package org.sculpt4d.vae;

import java.util.function.BiFunction;
import org.sculpt4d.nn.ResidualCrossAttentionBlock;
import org.sculpt4d.tensor.Tensor;

/**
 * The geometry decoder bound to one shape's latents: a scalar field over space, positive inside (spec §2.10). The
 * latents' keys and values are computed once; queries run in chunks, so memory is bounded by the chunk size whatever
 * the number of queries, and a query's logit does not depend on the chunking (spec §2.10, "chunking is exact"): every
 * call into the decoder gets a row count that is a multiple of {@link #ROW_ALIGN} (the last chunk is padded with
 * zero rows, whose outputs are dropped), so the backend runs the same kernels on every row, bit for bit.
 */
public final class GeometryField implements ImplicitField {
    /** Queries per chunk by default: activations of about 8192 × width floats at a time. */
    public static final int DEFAULT_CHUNK = 8192;
    /** Row-count granularity of every decoder call (see above). */
    private static final int ROW_ALIGN = 16;

    private final CrossAttentionDecoder decoder;
    private final ResidualCrossAttentionBlock.Memory memory;

    GeometryField(CrossAttentionDecoder decoder, Tensor latents) {
        this.decoder = decoder;
        this.memory = decoder.memory(latents);
    }

    /** Logits of {@code queries [P, 3]}, {@code DEFAULT_CHUNK} at a time. */
    @Override
    public float[] logits(Tensor queries) {
        return logits(queries, DEFAULT_CHUNK);
    }

    /** Logits of {@code queries [P, 3]}, at most {@code chunk} (rounded up to a multiple of 16) at a time. */
    public float[] logits(Tensor queries, int chunk) {
        queries.requireShape("geometry decoder queries", -1, 3);
        return decode(queries.dim(0), chunk, queries::slice);
    }

    /**
     * The field on a query grid (upstream {@code VanillaVolumeDecoder}, spec §6.1): {@code [R+1, R+1, R+1]} with axes
     * (x, y, z). Grid points are generated a chunk at a time.
     */
    public Tensor volume(QueryGrid grid, int chunk) {
        int n = grid.samples();
        return Tensor.wrap(decode(grid.size(), chunk, grid::points), n, n, n);
    }

    /** Logits of points {@code [0, count)}, made by {@code points(from, to)} as {@code [to − from, 3]}, chunk by chunk. */
    private float[] decode(int count, int chunk, BiFunction<Integer, Integer, Tensor> points) {
        if (chunk < 1) throw new IllegalArgumentException("geometry decoder: chunk size " + chunk + " is not positive");
        int step = (int) Math.min(Integer.MAX_VALUE - ROW_ALIGN, (chunk + (long) ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN);
        float[] out = new float[count];
        for (long start = 0; start < count; start += step) {
            int end = (int) Math.min(count, start + step);
            decodeInto(points.apply((int) start, end), out, (int) start);
        }
        return out;
    }

    /** Decodes {@code queries [n, 3]} into {@code out[at .. at + n)}, padding the call to a multiple of ROW_ALIGN rows. */
    private void decodeInto(Tensor queries, float[] out, int at) {
        int n = queries.dim(0), padded = (n + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        Tensor q = queries;
        if (padded != n) {
            q = Tensor.zeros(padded, 3);
            q.slice(0, n).copyFrom(queries);
        }
        Tensor logits = decoder.forward(memory, q);
        System.arraycopy(logits.data(), logits.offset(), out, at, n);
    }
}
