package org.sculpt4d.sequence;

import java.util.List;
import org.sculpt4d.geometry.sampling.SurfaceSamples;
import org.sculpt4d.tensor.Tensor;

/**
 * The VAE input of every frame of a sequence: {@code [uniform + sharp, 7]} surface tensors (xyz, normal, sharp flag),
 * the surface samples they were made from (so a row's material point can be followed to another frame), and the
 * joint normalisation that was applied to the meshes.
 */
public record SurfaceSequence(List<Frame> frames, JointNormalization normalization) {
    /**
     * One frame: its samples (on the normalised mesh) and the surface tensor made from them.
     *
     * @param uniform area-weighted samples, rows {@code [0, uniform.size())} of the surface
     * @param sharp   sharp-edge samples, the following rows
     */
    public record Frame(SurfaceSamples uniform, SurfaceSamples sharp, Tensor surface) {
        public Frame {
            surface.requireShape("surface", uniform.size() + sharp.size(), 7);
        }

        /** The samples of rows {@code [from, to)} of the surface evaluated on another frame's mesh, as xyz triples. */
        float[] rowsOn(Frame other, int[] rows) {
            float[] u = uniform.evaluateOn(other.uniform.mesh()).positions();
            float[] s = sharp.evaluateOn(other.sharp.mesh()).positions();
            float[] out = new float[3 * rows.length];
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                System.arraycopy(r < uniform.size() ? u : s, 3 * (r < uniform.size() ? r : r - uniform.size()), out,
                        3 * i, 3);
            }
            return out;
        }
    }

    public SurfaceSequence {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) throw new IllegalArgumentException("a surface sequence needs at least one frame");
    }

    public int frameCount() {
        return frames.size();
    }

    /** Every frame's surface tensor, in order. */
    public List<Tensor> surfaces() {
        return frames.stream().map(Frame::surface).toList();
    }

    public Tensor surface(int t) {
        return frames.get(t).surface();
    }

    /** All frames' surfaces as one {@code [T, P, 7]} tensor. */
    public Tensor stacked() {
        Tensor first = surface(0);
        Tensor out = Tensor.zeros(frameCount(), first.dim(0), 7);
        for (int t = 0; t < frameCount(); t++) out.select(t).copyFrom(surface(t));
        return out;
    }
}
