package org.sculpt4d.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.vae.PointSelection;
import org.sculpt4d.vae.RandomVae;
import org.sculpt4d.vae.ShapeVAE;
import org.sculpt4d.vae.ShapeVaeConfig;

class TemporalCoherenceTest {
    private final ShapeVaeConfig config = RandomVae.config(21);
    private final MeshSequence moving = ConsistentSurfaceSamplerTest.stretching(ConsistentSurfaceSamplerTest.cube(4), 4, 1);

    private SurfaceSequence sample(ConsistentSurfaceSampler.Mode mode) {
        return new ConsistentSurfaceSampler(config.pcSize(), config.pcSharpedgeSize(), mode, true).sample(moving, 2);
    }

    @Test
    void consistentTokensMoveWithTheSurfaceAndIndependentOnesDoNot() {
        SurfaceSequence consistent = sample(ConsistentSurfaceSampler.Mode.CONSISTENT);
        List<PointSelection> once = SequenceEncoder.selections(config, consistent.surfaces(), SequenceEncoder.Selection.FRAME_ZERO,
                new SplittableRandom(1));
        TemporalCoherence c = TemporalCoherence.ofQueries(consistent, once);
        assertTrue(c.trueMotion() > 0.05, "the cube moves: " + c.trueMotion());
        assertEquals(1.0, c.ratio(), 1e-6);

        SurfaceSequence independent = sample(ConsistentSurfaceSampler.Mode.INDEPENDENT);
        List<PointSelection> perFrame = SequenceEncoder.selections(config, independent.surfaces(),
                SequenceEncoder.Selection.PER_FRAME, new SplittableRandom(1));
        TemporalCoherence i = TemporalCoherence.ofQueries(independent, perFrame);
        assertTrue(i.ratio() > 3, "independent sampling ratio " + i.ratio());
    }

    @Test
    void sharedNoiseGivesSmootherLatentsThanIndependentNoise() {
        ShapeVAE vae = RandomVae.build(config, 21);
        // a slow motion (1 % stretch per frame, no translation): μ_t changes little from frame to frame
        MeshSequence slow = new MeshSequence(ConsistentSurfaceSamplerTest.stretching(
                ConsistentSurfaceSamplerTest.cube(4), 4, 0.1).frames().stream()
                .map(m -> m.withPositions(untranslated(m.positions()))).toList());
        SurfaceSequence s = new ConsistentSurfaceSampler(config.pcSize(), config.pcSharpedgeSize(),
                ConsistentSurfaceSampler.Mode.CONSISTENT, true).sample(slow, 2);
        SequenceEncoder e = new SequenceEncoder(vae);
        Tensor shared = e.encode(s.surfaces(), SequenceEncoder.Selection.FRAME_ZERO, SequenceEncoder.Noise.SHARED, 5);
        Tensor independent = e.encode(s.surfaces(), SequenceEncoder.Selection.FRAME_ZERO, SequenceEncoder.Noise.INDEPENDENT, 5);
        double smooth = TemporalCoherence.ofLatents(shared).tokenMotion();
        double jumpy = TemporalCoherence.ofLatents(independent).tokenMotion();
        assertTrue(smooth < 0.5 * jumpy, "shared " + smooth + " vs independent " + jumpy);
    }

    /** Moves each frame back so that its minimum corner is at the origin. */
    private static float[] untranslated(float[] p) {
        float[] out = p.clone();
        float[] lo = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
        for (int i = 0; i < p.length; i++) lo[i % 3] = Math.min(lo[i % 3], p[i]);
        for (int i = 0; i < p.length; i++) out[i] -= lo[i % 3];
        return out;
    }
}
