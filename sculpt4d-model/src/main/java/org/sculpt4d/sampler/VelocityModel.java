package org.sculpt4d.sampler;

import org.sculpt4d.tensor.Tensor;

/**
 * A flow-matching denoiser that predicts the velocity {@code u = x₁ − x₀} (spec hunyuan3d21-shape.md §5.1), such as
 * the DiT of {@code org.sculpt4d.dit}. Every argument has the batch as its leading axis; the sampler reuses the
 * argument tensors between steps, so a model must not modify them.
 */
@FunctionalInterface
public interface VelocityModel {
    /**
     * @param latents the current latents, {@code [B, N, C]} for the 3D model or {@code [B, T, N, C]} for the 4D one
     * @param time    {@code [B]} flow times in [0, 1] (0 noise, 1 data), not scaled by 1000
     * @param context the conditioning, {@code [B, S, D]} or {@code [B, T, S, D]}
     * @return the velocity, the shape of {@code latents}
     */
    Tensor velocity(Tensor latents, float[] time, Tensor context);
}
