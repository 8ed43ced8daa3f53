package org.sculpt4d.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.Tensor;

class InitialNoiseTest {

    @Property(tries = 30)
    void sharedNoiseIsOneDrawRepeatedOverFrames(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll @IntRange(min = 1, max = 5) int frames, @ForAll @IntRange(min = 1, max = 9) int tokens) {
        int channels = 3;
        Tensor noise = InitialNoise.SHARED.draw(seed, batch, frames, tokens, channels);
        assertArrayEquals(new int[] {batch, frames, tokens, channels}, noise.shape());
        float[] one = new TorchGenerator(seed).randn(batch, tokens, channels).toArray();
        int frame = tokens * channels;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < frames; t++) {
                assertArrayEquals(Arrays.copyOfRange(one, b * frame, (b + 1) * frame), noise.select(b).select(t).toArray(),
                        0f, "batch " + b + " frame " + t);
            }
        }
    }

    @Test
    void independentNoiseIsOneDrawOfTheWholeSequence() {
        Tensor noise = InitialNoise.INDEPENDENT.draw(1234, 1, 3, 64, 4);
        assertArrayEquals(new TorchGenerator(1234).randn(1, 3, 64, 4).toArray(), noise.toArray(), 0f);
        assertFalse(Arrays.equals(noise.select(0).select(0).toArray(), noise.select(0).select(1).toArray()));
    }

    /** With one frame both modes are the 3D pipeline's {@code randn([B, N, C])}. */
    @Property(tries = 20)
    void oneFrameModesCoincide(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int tokens) {
        assertArrayEquals(InitialNoise.SHARED.draw(seed, 2, 1, tokens, 2).toArray(),
                InitialNoise.INDEPENDENT.draw(seed, 2, 1, tokens, 2).toArray(), 0f);
    }

    @Property(tries = 20)
    void deterministicPerSeed(@ForAll long seed) {
        assertArrayEquals(InitialNoise.SHARED.draw(seed, 1, 2, 16, 4).toArray(), InitialNoise.SHARED.draw(seed, 1, 2, 16, 4).toArray(), 0f);
        assertFalse(Arrays.equals(InitialNoise.SHARED.draw(seed, 1, 2, 16, 4).toArray(),
                InitialNoise.SHARED.draw(seed ^ 1, 1, 2, 16, 4).toArray()));
    }

    @Test
    void modesParseByName() {
        assertEquals(InitialNoise.SHARED, InitialNoise.parse("shared"));
        assertEquals(InitialNoise.INDEPENDENT, InitialNoise.parse(" Independent"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InitialNoise.parse("per-frame"));
        assertEquals("noise mode 'per-frame' is not one of: shared, independent", e.getMessage());
    }
}
