package org.sculpt4d.geometry;

import java.util.List;

/**
 * T frames of one animated object. With fixed topology every frame shares the first frame's faces and vertex count
 * (a deforming mesh: morph targets, skinning, MD2 keyframes), so a point given as face + barycentric weights can be
 * re-evaluated on every frame; generated sequences (one marching-cubes mesh per frame) generally do not.
 */
public record MeshSequence(List<TriangleMesh> frames) {
    public MeshSequence {
        if (frames.isEmpty()) throw new IllegalArgumentException("a mesh sequence needs at least one frame");
        frames = List.copyOf(frames);
    }

    public int frameCount() {
        return frames.size();
    }

    public TriangleMesh frame(int t) {
        return frames.get(t);
    }

    /** Whether every frame has the first frame's faces and vertex count. */
    public boolean fixedTopology() {
        TriangleMesh first = frames.get(0);
        for (TriangleMesh m : frames) if (m != first && !first.sameTopology(m)) return false;
        return true;
    }
}
