package org.sculpt4d.geometry.mc;

/**
 * Picks the triangles for one ambiguous cell: the asymptotic decider on each ambiguous face selects the
 * {@link CubeCases.Case}; when that case has candidate tunnels, the {@link InteriorTest} decides which of them the
 * trilinear interpolant opens. Holds scratch state, so use one instance per worker.
 */
final class CellTiling {
    private final InteriorTest interior = new InteriorTest();
    private final int[] labels = new int[8];
    /** Cells whose interior components matched no realisable tiling (never seen on trilinear data; kept for tests). */
    long fallbacks;

    /**
     * @param config sign configuration (bit c set when corner c is inside), not one of {@link CubeCases#SIMPLE}
     * @param v corner values minus the level, in corner order
     * @return the tiling of the case with its face and interior ambiguities decided
     */
    CubeCases.Tiling choose(int config, double[] v) {
        CubeCases.Case c = faceDecided(config, v);
        int n = c.candidateA.length;
        if (n == 0) {
            return c.tilings[0];
        }
        interior.label(v, labels);
        int mask = 0;
        for (int i = 0; i < n; i++) {
            if (joined(c.candidateA[i], c.candidateB[i])) {
                mask |= 1 << i;
            }
        }
        if (!c.tilings[mask].realisable) {
            fallbacks++;
            mask = 0;
        }
        return c.tilings[mask];
    }

    /** The case of {@code config} once its ambiguous faces are decided by the asymptotic test. */
    static CubeCases.Case faceDecided(int config, double[] v) {
        int[] amb = CubeCases.AMBIGUOUS_FACES[config];
        int bits = 0;
        for (int i = 0; i < amb.length; i++) {
            int[] fc = CubeGeometry.FACE_CORNERS[amb[i]];
            if (AsymptoticDecider.insideJoined(v[fc[0]], v[fc[1]], v[fc[2]], v[fc[3]])) {
                bits |= 1 << i;
            }
        }
        return CubeCases.CASES[config][bits];
    }

    /** The default triangles of any cell (vertex codes). */
    int[] tiles(int config, double[] v) {
        int[] simple = CubeCases.SIMPLE[config];
        return simple != null ? simple : choose(config, v).triangles;
    }

    private boolean joined(int cornersA, int cornersB) {
        for (int a = 0; a < 8; a++) {
            if (((cornersA >> a) & 1) == 0) {
                continue;
            }
            for (int b = 0; b < 8; b++) {
                if (((cornersB >> b) & 1) != 0 && labels[a] == labels[b]) {
                    return true;
                }
            }
        }
        return false;
    }
}
