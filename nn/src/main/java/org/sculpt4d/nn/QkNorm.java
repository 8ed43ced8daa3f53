package org.sculpt4d.nn;

import org.sculpt4d.tensor.Tensor;

/**
 * The normalisation applied to each head's query and key vectors before the dot product, with weights shared by
 * all heads: LayerNorm(d, eps 1e-6, affine) in the VAE, RMSNorm(d, eps 1e-6) in the DiT (spec §9.2); or none.
 */
public interface QkNorm {
    /** Normalises every {@code headDim}-long head vector of {@code x [..., heads·headDim]}. */
    Tensor apply(Tensor x);

    QkNorm NONE = x -> x;

    static QkNorm layerNorm(LayerNorm norm, int headDim) {
        return x -> norm.forward(x.reshape(-1, headDim)).reshape(x.shape());
    }

    static QkNorm rmsNorm(RmsNorm norm, int headDim) {
        return x -> norm.forward(x.reshape(-1, headDim)).reshape(x.shape());
    }
}
