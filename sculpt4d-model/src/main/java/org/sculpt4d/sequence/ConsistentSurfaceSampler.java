package org.sculpt4d.sequence;

import java.util.List;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.sampling.SharpEdgeSampler;
import org.sculpt4d.geometry.sampling.SurfaceSamples;
import org.sculpt4d.geometry.sampling.UniformSurfaceSampler;
import org.sculpt4d.nn.io.HalfFloat;
import org.sculpt4d.tensor.Tensor;
import org.sculpt4d.tensor.backend.Parallel;

/**
 * Consistent Surface Sampling (sculpt4d-method.md §4): the VAE's input point sets for every frame of a fixed-topology
 * animated mesh, such that row {@code n} is the same material point of the object in every frame.
 * <ol>
 *   <li>The whole sequence is normalised with one {@link JointNormalization} (step 3).</li>
 *   <li>On frame 0, {@code uniformCount} area-weighted samples (face normals, flag 0) and {@code sharpCount} sharp-edge
 *       samples with Hunyuan's rule (interpolated vertex normals, flag 1) are drawn as (face, barycentric) pairs
 *       (step 1).</li>
 *   <li>Each frame evaluates the same pairs on its own vertices, {@code p_t = Σ αₖ vₖ(t)} (step 2).</li>
 *   <li>Positions and normals are rounded to float16 and back, as Hunyuan's inference loader does
 *       (hunyuan3d21-shape.md §2.2 step 2), unless switched off.</li>
 * </ol>
 * Rows are uniform samples first, then sharp ones, the layout {@code [pc_size + pc_sharpedge_size, 7]} the encoder
 * splits. The encoder's subset and FPS queries are then drawn once on frame 0 ({@link SequenceEncoder}). Step 4,
 * snapping onto each frame's watertight surface, is applied afterwards when asked for.
 *
 * <p>The ablation baselines of the method: {@link Mode#INDEPENDENT} draws fresh samples on every frame (seeded per
 * frame), and {@code sharpCount = 0} with the sharp rows given to uniform samples is the no-sharp baseline.
 */
public final class ConsistentSurfaceSampler {
    /** Whether frames share one set of (face, barycentric) samples. */
    public enum Mode { CONSISTENT, INDEPENDENT }

    private final int uniformCount;
    private final int sharpCount;
    private final Mode mode;
    private final boolean halfPrecision;

    public ConsistentSurfaceSampler(int uniformCount, int sharpCount, Mode mode, boolean halfPrecision) {
        if (uniformCount < 1 || sharpCount < 0) {
            throw new IllegalArgumentException("surface sampling needs ≥ 1 uniform and ≥ 0 sharp samples, got "
                    + uniformCount + " and " + sharpCount);
        }
        this.uniformCount = uniformCount;
        this.sharpCount = sharpCount;
        this.mode = mode;
        this.halfPrecision = halfPrecision;
    }

    /** The sampled sequence: per frame the {@code [uniformCount + sharpCount, 7]} surface tensor. */
    public SurfaceSequence sample(MeshSequence sequence, long seed) {
        if (!sequence.fixedTopology()) {
            throw new IllegalArgumentException("consistent surface sampling needs one topology in every frame; "
                    + "this sequence's faces or vertex counts change");
        }
        JointNormalization norm = JointNormalization.of(sequence);
        SurfaceSequence.Frame[] frames = new SurfaceSequence.Frame[sequence.frameCount()];
        frames[0] = fresh(norm.apply(sequence.frame(0)), seed, 0);
        // every later frame depends only on frame 0's samples (or on its own seed): frames in parallel
        Parallel.forRange(1, frames.length, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                TriangleMesh frame = norm.apply(sequence.frame(t));
                frames[t] = mode == Mode.INDEPENDENT ? fresh(frame, seed + 0x9E3779B97F4A7C15L * t, t)
                        : frame(frames[0].uniform().evaluateOn(frame), frames[0].sharp().evaluateOn(frame));
            }
        });
        return new SurfaceSequence(List.of(frames), norm);
    }

    /** New samples on frame {@code t}. */
    private SurfaceSequence.Frame fresh(TriangleMesh frame, long seed, int t) {
        return frame(new UniformSurfaceSampler(frame).sample(uniformCount, seed),
                sharpSamples(frame, seed ^ 0x5DEECE66DL, t));
    }

    private SurfaceSequence.Frame frame(SurfaceSamples uniform, SurfaceSamples sharp) {
        return new SurfaceSequence.Frame(uniform, sharp, surface(uniform, sharp));
    }

    private SurfaceSamples sharpSamples(TriangleMesh frame, long seed, int t) {
        SharpEdgeSampler sampler = new SharpEdgeSampler(frame);
        SurfaceSamples s = sampler.sample(sharpCount, seed);
        if (s.size() != sharpCount) {
            throw new IllegalArgumentException("frame " + t + " has no sharp edge (dihedral angle above ~9.9°) to draw "
                    + sharpCount + " sharp samples from; use 0 sharp samples (the no-sharp baseline)");
        }
        return s;
    }

    /** {@code [u + s, 7]}: xyz, normal, flag (0 uniform, 1 sharp). */
    private Tensor surface(SurfaceSamples uniform, SurfaceSamples sharp) {
        int rows = uniform.size() + sharp.size();
        float[] out = new float[7 * rows];
        fill(out, 0, uniform, 0f);
        fill(out, uniform.size(), sharp, 1f);
        return Tensor.wrap(out, rows, 7);
    }

    private void fill(float[] out, int firstRow, SurfaceSamples s, float flag) {
        float[] p = s.positions(), n = s.normals();
        for (int i = 0; i < s.size(); i++) {
            int o = 7 * (firstRow + i);
            for (int k = 0; k < 3; k++) {
                out[o + k] = quantise(p[3 * i + k]);
                out[o + 3 + k] = quantise(n[3 * i + k]);
            }
            out[o + 6] = flag;
        }
    }

    private float quantise(float v) {
        return halfPrecision ? HalfFloat.roundToHalf(v) : v;
    }
}
