package org.sculpt4d.sequence;

import java.util.List;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE input of every frame of a sequence: {@code [uniform + sharp, 7]} surface tensors (xyz, normal, sharp flag),
 * with the joint normalisation that was applied to the meshes.
 */
public record SurfaceSequence(List<Tensor> surfaces, JointNormalization normalization, int uniformCount,
                              int sharpCount) {
    public SurfaceSequence {
        surfaces = List.copyOf(surfaces);
        for (int t = 0; t < surfaces.size(); t++) {
            surfaces.get(t).requireShape("surface of frame " + t, uniformCount + sharpCount, 7);
        }
    }

    public int frameCount() {
        return surfaces.size();
    }

    public Tensor surface(int t) {
        return surfaces.get(t);
    }
}
