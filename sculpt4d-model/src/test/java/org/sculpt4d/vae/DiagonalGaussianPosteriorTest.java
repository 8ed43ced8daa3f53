package org.sculpt4d.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Tensor;

class DiagonalGaussianPosteriorTest {

    /** Spec §2.8: mean = first half, logvar = clamp(second half, −30, 20), sample = mean + exp(logvar/2)·ε. */
    @Test
    void splitsClampsAndSamplesWithTheGivenNoise() {
        Tensor moments = Tensor.wrap(new float[] {1, -2, 0.5f, -40, 2, 3, 25, 2}, 2, 4);
        DiagonalGaussianPosterior p = DiagonalGaussianPosterior.fromMoments(moments);
        assertArrayEquals(new float[] {1, -2, 2, 3}, p.mean().toArray());
        assertArrayEquals(new float[] {0.5f, -30, 20, 2}, p.logvar().toArray());
        Tensor noise = Tensor.wrap(new float[] {1, 2, -1, 0.5f}, 2, 2);
        float[] expected = new float[4];
        float[] m = p.mean().toArray(), lv = p.logvar().toArray(), n = noise.toArray();
        for (int i = 0; i < 4; i++) expected[i] = m[i] + (float) Math.exp(0.5f * lv[i]) * n[i];
        assertArrayEquals(expected, p.sample(noise).toArray());
        assertArrayEquals(p.mean().toArray(), p.sample(Tensor.zeros(2, 2)).toArray(), "zero noise is the mean");
        assertThrows(IllegalArgumentException.class, () -> p.sample(Tensor.zeros(4)));
    }
}
