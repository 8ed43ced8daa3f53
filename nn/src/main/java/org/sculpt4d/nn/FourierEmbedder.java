package org.sculpt4d.nn;

import org.sculpt4d.tensor.Tensor;

/**
 * Hunyuan's Fourier point embedder (spec §2.5): frequencies {@code 2^j} (times π when {@code includePi}),
 * {@code e = [x·f_0..x·f_{F-1}, y·f.., z·f..]} (coordinate-major), output {@code [p, sin(e), cos(e)]} with
 * {@code 3 + 6F} channels. The products are rounded to float32 before sin/cos, as upstream computes them.
 */
public final class FourierEmbedder {
    private final float[] frequencies;

    public FourierEmbedder(int numFreqs, boolean includePi) {
        frequencies = new float[numFreqs];
        for (int j = 0; j < numFreqs; j++) {
            // logspace frequencies 2^j, then ×π in float32 as torch does
            frequencies[j] = includePi ? (float) Math.pow(2, j) * (float) Math.PI : (float) Math.pow(2, j);
        }
    }

    /** Output channels: {@code 3 + 6·numFreqs}. */
    public int outDim() {
        return 3 + 6 * frequencies.length;
    }

    /** {@code points [..., 3]} → {@code [..., 3 + 6F]}. */
    public Tensor forward(Tensor points) {
        if (points.cols() != 3) {
            throw new IllegalArgumentException("Fourier embedder: points must have 3 coordinates in the last axis, got "
                    + java.util.Arrays.toString(points.shape()));
        }
        int n = points.rows(), nf = frequencies.length, d = outDim();
        int[] shape = points.shape();
        shape[shape.length - 1] = d;
        Tensor out = Tensor.zeros(shape);
        float[] p = points.data(), o = out.data();
        org.sculpt4d.tensor.backend.Parallel.forRange(0, n, 256, (from, to) -> {
            for (int i = from; i < to; i++) {
                int pi = points.offset() + 3 * i, oi = i * d;
                for (int c = 0; c < 3; c++) {
                    float x = p[pi + c];
                    o[oi + c] = x;
                    for (int j = 0; j < nf; j++) {
                        float e = x * frequencies[j];
                        o[oi + 3 + c * nf + j] = (float) Math.sin(e);
                        o[oi + 3 + 3 * nf + c * nf + j] = (float) Math.cos(e);
                    }
                }
            }
        });
        return out;
    }
}
