package org.sculpt4d.sequence;

import java.util.Arrays;
import java.util.List;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.sampling.SharpEdgeSampler;
import org.sculpt4d.geometry.sampling.SurfaceSamples;
import org.sculpt4d.geometry.sampling.UniformSurfaceSampler;
import org.sculpt4d.nn.io.HalfFloat;
import org.sculpt4d.geometry.watertight.WatertightConversion;
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
 * snapping onto each frame's watertight surface ({@link #sampleSnapped}, {@link ShellSnapping}), is applied when asked
 * for: the surface rows are then the snapped points with the shell's normals.
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

    /**
     * A sequence sampled with step 4: the surfaces, each frame's watertight shell, and per frame the mean and largest
     * move onto the shell (normalised units), with the points redrawn per round and those left too far.
     */
    public record Snapped(SurfaceSequence sequence, List<TriangleMesh> shells, double[] meanMove, double[] maxMove,
                          int[] redrawn, int remaining) {
    }

    /** As {@link #sample}, then snapped onto each frame's watertight shell made by {@code conversion} (step 4). */
    public Snapped sampleSnapped(MeshSequence sequence, long seed, WatertightConversion conversion) {
        SurfaceSequence sampled = sample(sequence, seed);
        int t = sampled.frameCount();
        List<TriangleMesh> meshes = sampled.frames().stream().map(f -> f.uniform().mesh()).toList();
        ShellSnapping snapping = new ShellSnapping(conversion);
        SurfaceSequence.Frame[] frames = new SurfaceSequence.Frame[t];
        TriangleMesh[] shells = new TriangleMesh[t];
        double[] mean = new double[t], max = new double[t];
        int[] redrawn = new int[ShellSnapping.MAX_ROUNDS];
        int remaining = 0;
        // consistent: one group, every frame snapped with frame 0's samples; independent: each frame its own group
        int groups = mode == Mode.CONSISTENT ? 1 : t, size = mode == Mode.CONSISTENT ? t : 1;
        for (int g = 0; g < groups; g++) {
            List<TriangleMesh> members = meshes.subList(g * size, (g + 1) * size);
            SurfaceSequence.Frame source = sampled.frames().get(g * size);
            ShellSnapping.Group r = snapping.snap(members, source.uniform(), source.sharp(), seed + g);
            for (int i = 0; i < size; i++) {
                int f = g * size + i;
                TriangleMesh m = members.get(i);
                SurfaceSamples u = r.uniform().evaluateOn(m), s = r.sharp().evaluateOn(m);
                frames[f] = new SurfaceSequence.Frame(u, s, surface(r.positions().get(i), r.normals().get(i), u.size(), s.size()));
                shells[f] = r.shells().get(i);
                mean[f] = r.meanMove()[i];
                max[f] = r.maxMove()[i];
            }
            for (int k = 0; k < redrawn.length; k++) redrawn[k] += r.redrawn()[k];
            remaining += r.remaining();
        }
        return new Snapped(new SurfaceSequence(List.of(frames), sampled.normalization()), List.of(shells), mean, max,
                redrawn, remaining);
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
        int u = uniform.size(), s = sharp.size();
        float[] p = Arrays.copyOf(uniform.positions(), 3 * (u + s)), n = Arrays.copyOf(uniform.normals(), 3 * (u + s));
        System.arraycopy(sharp.positions(), 0, p, 3 * u, 3 * s);
        System.arraycopy(sharp.normals(), 0, n, 3 * u, 3 * s);
        return surface(p, n, u, s);
    }

    /** Rows of positions and normals ({@code 3·(u + s)} each), the first {@code u} uniform, the rest sharp. */
    private Tensor surface(float[] positions, float[] normals, int u, int s) {
        int rows = u + s;
        float[] out = new float[7 * rows];
        for (int i = 0; i < rows; i++) {
            int o = 7 * i;
            for (int k = 0; k < 3; k++) {
                out[o + k] = quantise(positions[3 * i + k]);
                out[o + 3 + k] = quantise(normals[3 * i + k]);
            }
            out[o + 6] = i < u ? 0f : 1f;
        }
        return Tensor.wrap(out, rows, 7);
    }

    private float quantise(float v) {
        return halfPrecision ? HalfFloat.roundToHalf(v) : v;
    }
}
