package org.sculpt4d.sequence;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

/**
 * One similarity transform for a whole sequence (sculpt4d-method.md §4 step 3): the joint bounding box of all frames
 * is centred at the origin and its longest side scaled to {@code 2·0.9999}, as Hunyuan's loader does per mesh
 * (hunyuan3d21-shape.md §2.2 step 1). Never per frame, or motion would turn into scale jitter.
 *
 * @param center the joint bounding box's centre
 * @param scale  the factor applied after centring
 */
public record JointNormalization(double[] center, double scale) {
    /** Hunyuan's half-extent: coordinates end up in [−0.9999, 0.9999]. */
    public static final double HALF_EXTENT = 0.9999;

    public JointNormalization {
        center = center.clone();
        if (center.length != 3 || !(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("normalisation needs a 3-d centre and a positive scale, got scale " + scale);
        }
    }

    /** The transform of the joint bounding box of every frame's vertices. */
    public static JointNormalization of(MeshSequence sequence) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (TriangleMesh m : sequence.frames()) {
            float[] p = m.positions();
            for (int i = 0; i < p.length; i++) {
                lo[i % 3] = Math.min(lo[i % 3], p[i]);
                hi[i % 3] = Math.max(hi[i % 3], p[i]);
            }
        }
        double side = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2]));
        if (!(side > 0)) throw new IllegalArgumentException("the sequence's vertices span no extent: cannot normalise");
        double[] c = {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2};
        return new JointNormalization(c, 2 * HALF_EXTENT / side);
    }

    @Override
    public double[] center() {
        return center.clone();
    }

    /** {@code (p − center) · scale} for every xyz triple, into a new array. */
    public float[] apply(float[] xyz) {
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i++) out[i] = (float) ((xyz[i] - center[i % 3]) * scale);
        return out;
    }

    /** The mesh with normalised positions (normals are unchanged by a uniform scale). */
    public TriangleMesh apply(TriangleMesh mesh) {
        return mesh.withPositions(apply(mesh.positions()));
    }
}
