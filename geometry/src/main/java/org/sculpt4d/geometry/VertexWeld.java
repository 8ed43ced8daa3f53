package org.sculpt4d.geometry;

import java.util.HashMap;
import java.util.Map;

/**
 * Vertices that share a position. Meshes exported for rendering split vertices along seams (one copy per normal or
 * texture coordinate); algorithms that need the surface's connectivity, such as the sharp-edge rule, treat the copies
 * as one vertex, as trimesh does when it merges vertices on load.
 */
public final class VertexWeld {
    private VertexWeld() {
    }

    /**
     * For every vertex, the smallest vertex id with exactly the same position ({@code +0.0} and {@code −0.0} are the
     * same coordinate); a vertex with a position of its own maps to itself.
     */
    public static int[] canonicalIds(TriangleMesh mesh) {
        float[] p = mesh.positions();
        int[] ids = new int[mesh.vertexCount()];
        Map<Position, Integer> first = new HashMap<>();
        for (int v = 0; v < ids.length; v++) {
            // adding 0.0f turns −0.0 into +0.0, so both fall in one bucket
            Position key = new Position(p[3 * v] + 0f, p[3 * v + 1] + 0f, p[3 * v + 2] + 0f);
            Integer earlier = first.putIfAbsent(key, v);
            ids[v] = earlier == null ? v : earlier;
        }
        return ids;
    }

    private record Position(float x, float y, float z) {
    }
}
