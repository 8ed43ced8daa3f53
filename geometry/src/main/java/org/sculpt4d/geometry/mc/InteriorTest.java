package org.sculpt4d.geometry.mc;

import java.util.Arrays;

/**
 * The interior ambiguity test of MC33 (Chernyaev 1995; Lewiner et al. 2003): which corners of one class are joined
 * <em>through the inside</em> of the cell by the trilinear interpolant, e.g. whether the two inside corners at the
 * ends of a body diagonal (case 4) are connected by a tunnel.
 *
 * <p>This is an exact sweep rather than Lewiner's heuristic of testing one plane. The interpolant is restricted to
 * the planes x = t, t ∈ [0, 1]; each restriction is bilinear with corner values linear in t along the four x-edges
 * ("rails"). Its inside/outside pattern changes only where a rail crosses the level or where the face-saddle
 * determinant {@code A(t)·C(t) − B(t)·D(t)} (Nielson &amp; Hamann's decider, a quadratic in t) changes sign. Between
 * those events the plane's components are fixed; every component of a bilinear square touches a rail (a trilinear
 * function is harmonic, so it has no interior extrema), and a rail that keeps its class across an event carries its
 * component with it. So a union-find over (sample plane, rail) nodes, with one plane before and between every pair of
 * consecutive events, gives the exact connected components, in the cell, of {@code f > 0} and of {@code f ≤ 0}
 * restricted to the corners.
 *
 * <p>Instances hold scratch arrays and are not thread-safe; use one per worker.
 */
final class InteriorTest {
    /** Rails in cyclic order around the plane x = t: corner index (dy<<1 | dz) of each x-edge's low end. */
    private static final int[] RAIL_CORNER = {0, 1, 3, 2};
    private static final int MAX_SAMPLES = 2 + 7;

    private final double[] events = new double[8];
    private final double[] samples = new double[MAX_SAMPLES];
    private final int[] parent = new int[MAX_SAMPLES * 4];
    private final boolean[] inside = new boolean[MAX_SAMPLES * 4];
    private final double[] rail = new double[4];
    private final double[] lo = new double[4];
    private final double[] d = new double[4];

    /**
     * Labels the 8 corners by connected component: {@code label[c] == label[d]} exactly when corners c and d are
     * in the same class (inside: value &gt; 0, or not) and joined inside the closed cell.
     *
     * @param v corner values minus the level, in {@link CubeGeometry} corner order
     * @param label output, 8 entries
     */
    void label(double[] v, int[] label) {
        int nEvents = 0;
        for (int r = 0; r < 4; r++) {
            lo[r] = v[RAIL_CORNER[r]];
            double hi = v[RAIL_CORNER[r] | 4];
            d[r] = hi - lo[r];
            if ((lo[r] > 0) != (hi > 0)) {
                double t = lo[r] / (lo[r] - hi);
                if (t > 0 && t < 1) {
                    events[nEvents++] = t;
                }
            }
        }
        // det(t) = A(t)·C(t) − B(t)·D(t) with A..D the rails in cyclic order: q2·t² + q1·t + q0
        double q0 = lo[0] * lo[2] - lo[1] * lo[3];
        double q1 = lo[0] * d[2] + lo[2] * d[0] - lo[1] * d[3] - lo[3] * d[1];
        double q2 = d[0] * d[2] - d[1] * d[3];
        nEvents = addQuadraticRoots(q2, q1, q0, nEvents);
        Arrays.sort(events, 0, nEvents);

        int n = 0;
        samples[n++] = 0;
        double prev = 0;
        for (int i = 0; i < nEvents; i++) {
            samples[n++] = 0.5 * (prev + events[i]);
            prev = events[i];
        }
        samples[n++] = 0.5 * (prev + 1);
        samples[n++] = 1;

        for (int s = 0; s < n; s++) {
            double t = samples[s];
            for (int r = 0; r < 4; r++) {
                rail[r] = t == 0 ? lo[r] : t == 1 ? v[RAIL_CORNER[r] | 4] : lo[r] + d[r] * t;
            }
            int base = 4 * s;
            for (int r = 0; r < 4; r++) {
                parent[base + r] = base + r;
                inside[base + r] = rail[r] > 0;
            }
            boolean i0 = inside[base], i1 = inside[base + 1], i2 = inside[base + 2], i3 = inside[base + 3];
            if (AsymptoticDecider.isAmbiguous(i0, i1, i2, i3)) {
                boolean joined = AsymptoticDecider.insideJoined(rail[0], rail[1], rail[2], rail[3]);
                // the inside diagonal is joined, or else the outside one is
                if (joined == i0) {
                    union(base, base + 2);
                } else {
                    union(base + 1, base + 3);
                }
            } else {
                for (int r = 0; r < 4; r++) {
                    if (inside[base + r] == inside[base + ((r + 1) & 3)]) {
                        union(base + r, base + ((r + 1) & 3));
                    }
                }
            }
            if (s > 0) {
                for (int r = 0; r < 4; r++) {
                    if (inside[base + r] == inside[base - 4 + r]) {
                        union(base + r, base - 4 + r);
                    }
                }
            }
        }
        int last = 4 * (n - 1);
        for (int r = 0; r < 4; r++) {
            label[RAIL_CORNER[r]] = find(r);
            label[RAIL_CORNER[r] | 4] = find(last + r);
        }
    }

    private int addQuadraticRoots(double a, double b, double c, int count) {
        if (a == 0) {
            if (b != 0) {
                count = addIfInside(-c / b, count);
            }
            return count;
        }
        double disc = b * b - 4 * a * c;
        if (!(disc > 0)) {
            return count;
        }
        double sq = Math.sqrt(disc);
        // numerically stable pair of roots
        double q = -0.5 * (b + Math.copySign(sq, b));
        count = addIfInside(q / a, count);
        if (q != 0) {
            count = addIfInside(c / q, count);
        }
        return count;
    }

    private int addIfInside(double t, int count) {
        if (t > 0 && t < 1) {
            events[count++] = t;
        }
        return count;
    }

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
