package org.sculpt4d.vae;

import org.sculpt4d.tensor.Tensor;

/** A scalar field over space, evaluated at batches of points: the geometry decoder bound to latents, or a test field. */
@FunctionalInterface
public interface ImplicitField {
    /** Values at {@code queries [P, 3]}, one per row, positive inside. */
    float[] logits(Tensor queries);
}
