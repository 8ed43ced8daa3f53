package org.sculpt4d.geometry.mc;

import java.util.Arrays;

/**
 * Triangulates the surface pieces of one cell case (disks bounded by one cycle of edge crossings, annuli bounded by
 * two), when the case tables are derived. Vertex codes are cell edges 0..11 and {@link CubeCases#CENTRE}.
 *
 * <p><b>Default tilings</b> reproduce the triangle and vertex counts of Lewiner et al.'s MC33 tiling per subcase
 * (checked cell by cell against scikit-image): a disk of up to 7 crossings gets n − 2 triangles (the triangulation of
 * least total chord length on the unit cube's edge midpoints), a larger one (8, 9 or 12 crossings) a fan of n
 * triangles around the centre vertex; an annulus gets a strip of n + m triangles, except the 3 + 4 tunnel of case
 * 6.1.2, which passes through the centre vertex (n + m + 2).
 *
 * <p><b>Face chords.</b> Two crossings on one cube face that are not joined by one of that face's segments can still
 * be joined by a triangle edge (a "chord"); it then lies in the face, which the neighbouring cell shares. Some tunnel
 * strips (cases 7.4.2, 10.1.2, 12.1.2, 13.5.2) cannot avoid one: a strip between a cycle that alternates between two
 * opposite faces and another that does too must step across a face somewhere. If the neighbour drew the same chord,
 * that edge would have four triangles. So every tiling records its chords per face, and has a chord-free alternative
 * (through the centre vertex) that the extractor uses when the cell below along that axis draws the same chord
 * (see {@link SlabExtractor}). Chords are otherwise discouraged by a weight penalty.
 */
final class PieceTiler {
    /** Extra weight of a chord lying in a face (default tilings avoid them where they can). */
    private static final double FACE_CHORD_PENALTY = 10;

    private final int[] next;

    /** @param next the case's oriented face segments: {@code next[p] = q} for segment p→q, else −1 */
    PieceTiler(int[] next) {
        this.next = next;
    }

    boolean isSegment(int u, int v) {
        return next[u] == v || next[v] == u;
    }

    /** The face holding both edges, or −1. */
    static int commonFace(int e1, int e2) {
        for (int f = 0; f < 6; f++) {
            if (indexOf(CubeGeometry.FACE_EDGES[f], e1) >= 0 && indexOf(CubeGeometry.FACE_EDGES[f], e2) >= 0) {
                return f;
            }
        }
        return -1;
    }

    /**
     * Chords drawn by a triangle list in the cell's lower faces (x=0, y=0, z=0; {@code upper} false) or upper ones:
     * bit {@code 6·axis + pair}, where pair numbers the face's 6 edge pairs by their positions in
     * {@link CubeGeometry#FACE_EDGES}, which are the same for both cells that share the face.
     */
    int chords(int[] tris, boolean upper) {
        int mask = 0;
        for (int i = 0; i < tris.length; i += 3) {
            for (int s = 0; s < 3; s++) {
                int u = tris[i + s];
                int v = tris[i + (s + 1) % 3];
                if (u == CubeCases.CENTRE || v == CubeCases.CENTRE || isSegment(u, v)) {
                    continue;
                }
                int f = commonFace(u, v);
                if (f >= 0 && ((f & 1) == 1) == upper) {
                    mask |= 1 << (6 * (f >> 1) + pairId(f, u, v));
                }
            }
        }
        return mask;
    }

    private static int pairId(int f, int u, int v) {
        int a = indexOf(CubeGeometry.FACE_EDGES[f], u);
        int b = indexOf(CubeGeometry.FACE_EDGES[f], v);
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        // (0,1)=0 (0,2)=1 (0,3)=2 (1,2)=3 (1,3)=4 (2,3)=5
        return lo == 0 ? hi - 1 : lo == 1 ? hi + 1 : 5;
    }

    /**
     * Weight of a new edge (diagonal or rung) between two crossings: its length on the edge midpoints, penalised, or
     * with {@code chordFree} forbidden, when it lies in a face; infinite for a pair that is already a face segment.
     */
    private double weight(int u, int v, boolean chordFree) {
        if (isSegment(u, v)) {
            return Double.POSITIVE_INFINITY; // a segment is a boundary edge already: never a diagonal or rung
        }
        double w = dist(CubeGeometry.edgeMidpoint(u), CubeGeometry.edgeMidpoint(v));
        if (commonFace(u, v) >= 0) {
            w = chordFree ? Double.POSITIVE_INFINITY : w + FACE_CHORD_PENALTY;
        }
        return w;
    }

    /** Default disk: least-weight triangulation up to 7 crossings, else a fan around the centre. */
    void disk(int[] cyc, CubeCases.IntList out) {
        if (cyc.length >= 8) {
            diskAroundCentre(cyc, out);
        } else if (!polygon(cyc, false, out)) {
            throw new IllegalStateException("no triangulation of " + Arrays.toString(cyc));
        }
    }

    void diskAroundCentre(int[] cyc, CubeCases.IntList out) {
        int n = cyc.length;
        for (int i = 0; i < n; i++) {
            out.add(cyc[i], cyc[(i + 1) % n], CubeCases.CENTRE);
        }
    }

    /**
     * Least-weight triangulation of a polygon (vertices in boundary order) without new vertices; false when every
     * triangulation needs a forbidden edge.
     */
    private boolean polygon(int[] p, boolean chordFree, CubeCases.IntList out) {
        int n = p.length;
        double[][] cost = new double[n][n];
        int[][] split = new int[n][n];
        for (int len = 2; len < n; len++) {
            for (int i = 0; i + len < n; i++) {
                int j = i + len;
                cost[i][j] = Double.POSITIVE_INFINITY;
                for (int k = i + 1; k < j; k++) {
                    double c = cost[i][k] + cost[k][j] + (k - i > 1 ? weight(p[i], p[k], chordFree) : 0)
                            + (j - k > 1 ? weight(p[k], p[j], chordFree) : 0);
                    if (c < cost[i][j] - 1e-12) {
                        cost[i][j] = c;
                        split[i][j] = k;
                    }
                }
            }
        }
        if (n > 3 && cost[0][n - 1] == Double.POSITIVE_INFINITY) {
            return false;
        }
        emitPolygon(p, split, 0, n - 1, out);
        return true;
    }

    private static void emitPolygon(int[] p, int[][] split, int i, int j, CubeCases.IntList out) {
        if (j - i < 2) {
            return;
        }
        int k = split[i][j];
        out.add(p[i], p[k], p[j]);
        emitPolygon(p, split, i, k, out);
        emitPolygon(p, split, k, j, out);
    }

    /**
     * Default annulus: a strip of n + m triangles. Both cycles are oriented as boundaries of the same surface, so the
     * strip walks a forward and b backward, adding (a_i, a_i+1, b_j) or (b_j-1, b_j, a_i). Over every starting rung
     * and every walk that keeps |i/n − j/m| &lt; 1/2 (so that no rung repeats), the least total rung weight wins. The
     * 3 + 4 tunnel (case 6.1.2) is then pulled through the centre: its starting rung is split at the centre vertex,
     * splitting the two triangles on it (n + m + 2 = 9 triangles).
     */
    void annulus(int[] a, int[] b, CubeCases.IntList out) {
        int n = a.length;
        int m = b.length;
        double best = Double.POSITIVE_INFINITY;
        int[] bestPath = null;
        int[] bestA = null;
        int[] bestB = null;
        for (int i0 = 0; i0 < n; i0++) {
            for (int j0 = 0; j0 < m; j0++) {
                int[] ra = rotate(a, i0);
                int[] rb = reverseFrom(b, j0);
                int[] path = new int[n + m];
                double c = cheapestStrip(ra, rb, path);
                if (c < best - 1e-12) {
                    best = c;
                    bestPath = path;
                    bestA = ra;
                    bestB = rb;
                }
            }
        }
        if (bestPath == null) {
            throw new IllegalStateException("no strip between " + Arrays.toString(a) + " and " + Arrays.toString(b));
        }
        boolean throughCentre = n + m == 7;
        int ia = 0;
        int jb = 0;
        for (int step = 0; step < n + m; step++) {
            int[] tri;
            if (bestPath[step] == 0) {
                tri = new int[] {bestA[ia % n], bestA[(ia + 1) % n], bestB[jb % m]};
                ia++;
            } else {
                tri = new int[] {bestB[(jb + 1) % m], bestB[jb % m], bestA[ia % n]};
                jb++;
            }
            int split = -1;
            for (int s = 0; s < 3 && throughCentre; s++) {
                int p = tri[s];
                int q = tri[(s + 1) % 3];
                if ((p == bestA[0] && q == bestB[0]) || (p == bestB[0] && q == bestA[0])) {
                    split = s;
                }
            }
            if (split < 0) {
                out.add(tri[0], tri[1], tri[2]);
            } else {
                int p = tri[split];
                int q = tri[(split + 1) % 3];
                int r = tri[(split + 2) % 3];
                out.add(p, CubeCases.CENTRE, r);
                out.add(CubeCases.CENTRE, q, r);
            }
        }
    }

    /**
     * Least total rung weight of a strip from rung (a_0, b_0) back to itself, a walked forward and b given in walking
     * order; path[s] = 0 advances on a, 1 on b. Infinite when no walk exists.
     */
    private double cheapestStrip(int[] a, int[] b, int[] path) {
        int n = a.length;
        int m = b.length;
        double[][] cost = new double[n + 1][m + 1];
        int[][] from = new int[n + 1][m + 1];
        for (double[] row : cost) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        cost[0][0] = weight(a[0], b[0], false);
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                if ((i == 0 && j == 0) || 2 * Math.abs(i * m - j * n) >= n * m) {
                    continue;
                }
                double rung = (i == n && j == m) ? 0 : weight(a[i % n], b[j % m], false);
                double viaA = i > 0 ? cost[i - 1][j] : Double.POSITIVE_INFINITY;
                double viaB = j > 0 ? cost[i][j - 1] : Double.POSITIVE_INFINITY;
                cost[i][j] = Math.min(viaA, viaB) + rung;
                from[i][j] = viaA <= viaB ? 0 : 1;
            }
        }
        if (cost[n][m] == Double.POSITIVE_INFINITY) {
            return cost[n][m];
        }
        for (int i = n, j = m, s = n + m - 1; s >= 0; s--) {
            path[s] = from[i][j];
            if (path[s] == 0) {
                i--;
            } else {
                j--;
            }
        }
        return cost[n][m];
    }

    /**
     * An annulus with no chord in any face, through the centre vertex C (n + m + 2 triangles). C's star is bounded by
     * an arc of r edges of a (from a_p), a rung off the faces, an arc of s edges of b (from b_q) and a second rung
     * back; the rest of the annulus, cut open along those rungs, is a polygon of n − r + m − s + 2 crossings,
     * triangulated without face chords. All arcs are tried; the least total edge length wins.
     *
     * @return false, adding nothing, when no such tiling exists (the corner tunnel of case 7.4.2 whose three faces
     *     are all on one side of the cell needs a face chord or a second interior vertex)
     */
    boolean annulusChordFree(int[] a, int[] b, CubeCases.IntList out) {
        int n = a.length;
        int m = b.length;
        double best = Double.POSITIVE_INFINITY;
        CubeCases.IntList bestTris = null;
        for (int p = 0; p < n; p++) {
            for (int r = 1; r < n; r++) {
                for (int q = 0; q < m; q++) {
                    for (int s = 1; s < m; s++) {
                        int aEnd = a[(p + r) % n];
                        int bEnd = b[(q + s) % m];
                        double w1 = weight(aEnd, b[q], true);
                        double w2 = weight(bEnd, a[p], true);
                        if (w1 == Double.POSITIVE_INFINITY || w2 == Double.POSITIVE_INFINITY) {
                            continue;
                        }
                        // the rest: a_p+r … a_p along a, then b_q+s … b_q along b
                        int[] poly = new int[n - r + 1 + m - s + 1];
                        int k = 0;
                        for (int i = 0; i <= n - r; i++) {
                            poly[k++] = a[(p + r + i) % n];
                        }
                        for (int j = 0; j <= m - s; j++) {
                            poly[k++] = b[(q + s + j) % m];
                        }
                        CubeCases.IntList tris = new CubeCases.IntList();
                        if (!polygon(poly, true, tris)) {
                            continue;
                        }
                        for (int i = 0; i < r; i++) {
                            tris.add(a[(p + i) % n], a[(p + i + 1) % n], CubeCases.CENTRE);
                        }
                        tris.add(aEnd, b[q], CubeCases.CENTRE);
                        for (int j = 0; j < s; j++) {
                            tris.add(b[(q + j) % m], b[(q + j + 1) % m], CubeCases.CENTRE);
                        }
                        tris.add(bEnd, a[p], CubeCases.CENTRE);
                        double c = length(tris.toArray());
                        if (c < best - 1e-12) {
                            best = c;
                            bestTris = tris;
                        }
                    }
                }
            }
        }
        if (bestTris == null) {
            return false;
        }
        out.addAll(bestTris);
        return true;
    }

    /**
     * A disk without chords in any face: without new vertices if possible, else a fan around the centre.
     *
     * @return whether the centre vertex was used
     */
    boolean diskChordFree(int[] cyc, CubeCases.IntList out) {
        if (cyc.length < 8 && polygon(cyc, true, out)) {
            return false;
        }
        diskAroundCentre(cyc, out);
        return true;
    }

    /** Total length of the edges of a triangle list (each counted once per triangle side). */
    double length(int[] tris) {
        double s = 0;
        for (int i = 0; i < tris.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                int u = tris[i + k];
                int v = tris[i + (k + 1) % 3];
                if (u != CubeCases.CENTRE && v != CubeCases.CENTRE) {
                    s += dist(CubeGeometry.edgeMidpoint(u), CubeGeometry.edgeMidpoint(v));
                }
            }
        }
        return s;
    }

    private static int[] rotate(int[] c, int start) {
        int[] r = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[(start + i) % c.length];
        }
        return r;
    }

    /** The cycle walked backward from {@code start}. */
    private static int[] reverseFrom(int[] c, int start) {
        int[] r = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            r[i] = c[((start - i) % c.length + c.length) % c.length];
        }
        return r;
    }

    static int indexOf(int[] a, int x) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static double dist(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
