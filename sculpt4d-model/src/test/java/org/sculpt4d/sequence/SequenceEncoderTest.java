package org.sculpt4d.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.RandomVae;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

/** On a still sequence (every frame the same mesh), consistent sampling + frame-0 selection + shared noise give one latent. */
class SequenceEncoderTest {
    private final ShapeVaeConfig config = RandomVae.config(21);
    private final ShapeVAE vae = RandomVae.build(config, 21);

    private SurfaceSequence still(ConsistentSurfaceSampler.Mode mode) {
        TriangleMesh cube = ConsistentSurfaceSamplerTest.cube(2);
        MeshSequence seq = new MeshSequence(List.of(cube, cube, cube));
        return new ConsistentSurfaceSampler(config.pcSize(), config.pcSharpedgeSize(), mode, true).sample(seq, 4);
    }

    private static float[] frame(Tensor latents, int t) {
        return latents.select(t).toArray();
    }

    @Test
    void sharedEverythingGivesIdenticalFramesOnAStillSequence() {
        Tensor z = new SequenceEncoder(vae).encode(still(ConsistentSurfaceSampler.Mode.CONSISTENT).surfaces(),
                SequenceEncoder.Selection.FRAME_ZERO, SequenceEncoder.Noise.SHARED, 8);
        assertArrayEquals(frame(z, 0), frame(z, 1));
        assertArrayEquals(frame(z, 0), frame(z, 2));
    }

    @Test
    void eachAblationSwitchBreaksTheIdentity() {
        SequenceEncoder e = new SequenceEncoder(vae);
        Tensor noise = e.encode(still(ConsistentSurfaceSampler.Mode.CONSISTENT).surfaces(), SequenceEncoder.Selection.FRAME_ZERO,
                SequenceEncoder.Noise.INDEPENDENT, 8);
        Tensor selection = e.encode(still(ConsistentSurfaceSampler.Mode.CONSISTENT).surfaces(), SequenceEncoder.Selection.PER_FRAME,
                SequenceEncoder.Noise.SHARED, 8);
        Tensor sampling = e.encode(still(ConsistentSurfaceSampler.Mode.INDEPENDENT).surfaces(), SequenceEncoder.Selection.FRAME_ZERO,
                SequenceEncoder.Noise.SHARED, 8);
        for (Tensor z : new Tensor[] {noise, selection, sampling}) {
            assertFalse(Arrays.equals(frame(z, 0), frame(z, 1)));
        }
    }

    @Test
    void deterministicForASeed() {
        SequenceEncoder e = new SequenceEncoder(vae);
        SurfaceSequence s = still(ConsistentSurfaceSampler.Mode.CONSISTENT);
        assertArrayEquals(e.encode(s.surfaces(), SequenceEncoder.Selection.PER_FRAME, SequenceEncoder.Noise.INDEPENDENT, 3).toArray(),
                e.encode(s.surfaces(), SequenceEncoder.Selection.PER_FRAME, SequenceEncoder.Noise.INDEPENDENT, 3).toArray());
    }
}
