package org.sculpt4d.geometry.mc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cell triangulations, derived by this class at initialisation (no table is copied from anywhere): the
 * topological construction of MC33 (Chernyaev 1995), in the form where every ambiguity of the trilinear interpolant
 * is a separate decision, as in Lewiner et al. (2003).
 *
 * <p>For a sign configuration ({@code config}, bit c set when corner c is inside, i.e. value − level &gt; 0) and a
 * decision for each ambiguous face ({@code faceBits}, bit i set when the asymptotic decider joins the inside corners
 * of {@code AMBIGUOUS_FACES[config][i]}):
 * <ol>
 *   <li>each face contributes segments between its edge crossings, oriented so that, seen from outside the cell, the
 *       inside corners lie on the right; an ambiguous face contributes two segments that cut off the two corners of
 *       the class that the decider does not join;</li>
 *   <li>the segments chain into closed cycles on the cell boundary (each crossing edge has one segment in and one
 *       out, since every edge lies on two faces);</li>
 *   <li>the corners fall into <em>regions</em>: classes connected over the boundary (along edges and across decided
 *       faces). Each cycle separates one inside region from one outside region, and the regions with the cycles
 *       form a tree on the cell's boundary sphere;</li>
 *   <li>inside the cell the trilinear interpolant may join two regions of one class that neighbour the same region
 *       of the other class (a tunnel: cases 4.2, 6.1.2, 7.4.2, 10.1.2, 12.1.2, 13.5.2 of MC33). Each such pair is a
 *       <em>candidate</em>; {@link InteriorTest} decides them at run time. The surface pieces are the cycles grouped
 *       by (inside component, outside component): one cycle bounds a disk, two bound an annulus;</li>
 *   <li>{@link PieceTiler} triangulates the pieces, with the vertex and triangle counts of Lewiner's tiling, and a
 *       chord-free alternative for tunnels whose strip has an edge lying in a cube face.</li>
 * </ol>
 *
 * <p>The result: 128 configurations need no decision ({@link #SIMPLE}); the other 128 (MC33 cases 3, 4, 6, 7, 10,
 * 12, 13 and complements) have 528 face-decision cases and 1,348 tilings. Deriving them takes about 0.2 s once.
 *
 * <p>Triangles are lists of vertex codes: 0..11 are the cell's edges ({@link CubeGeometry}), {@link #CENTRE} the
 * centre vertex. Winding is outward (from the inside class toward the outside class).
 */
final class CubeCases {
    /** Vertex code of the cell-centre vertex (Lewiner's "c12"). */
    static final int CENTRE = 12;

    /** Triangles (3 codes each) of a configuration with no ambiguity of any kind, else null. */
    static final int[][] SIMPLE = new int[256][];
    /** The ambiguous faces of each configuration, in increasing face order. */
    static final int[][] AMBIGUOUS_FACES = new int[256][];
    /** For configurations not in {@link #SIMPLE}: the derived case for every face-decision bit set. */
    static final Case[][] CASES = new Case[256][];

    /** One configuration with its face decisions taken. */
    static final class Case {
        final int config;
        final int faceBits;
        /** Oriented boundary cycles (edge codes). */
        final int[][] cycles;
        /** Corner masks of the two regions of each candidate interior merge (tunnel). */
        final int[] candidateA;
        final int[] candidateB;
        /** The tiling for each bit set of candidates that the interior test confirms. */
        final Tiling[] tilings;

        Case(int config, int faceBits, int[][] cycles, int[] candidateA, int[] candidateB, Tiling[] tilings) {
            this.config = config;
            this.faceBits = faceBits;
            this.cycles = cycles;
            this.candidateA = candidateA;
            this.candidateB = candidateB;
            this.tilings = tilings;
        }
    }

    /** The triangles of one case with its tunnels decided. */
    static final class Tiling {
        /** Default triangles (Lewiner's counts). */
        final int[] triangles;
        /**
         * A tiling of the same case with no chord in any cube face (see {@link PieceTiler}), used where the cell below
         * draws the same chord: tunnels pass through the centre vertex instead. The corner tunnels of cases 7.4.2 and
         * 13.5.2 cannot be tiled so with one interior vertex; there, and where two pieces would need the centre,
         * the tunnel is dropped (the case's tiling without tunnels). Equal to {@link #triangles} when that has no
         * chord.
         */
        final int[] chordFree;
        /**
         * Chords drawn in the lower faces x=0, y=0, z=0 and in the upper faces (see {@link PieceTiler#chords}); only
         * tunnel tilings have any, since every disk can be tiled without a chord in a face.
         */
        final int lowerChords;
        final int upperChords;
        /**
         * False when some piece would have three or more boundary cycles, which a trilinear interpolant cannot
         * produce (only rounding in a near-tie could ask for it); the cell then takes the tiling without tunnels.
         */
        final boolean realisable;

        Tiling(int[] triangles, int[] chordFree, int lowerChords, int upperChords, boolean realisable) {
            this.triangles = triangles;
            this.chordFree = chordFree;
            this.lowerChords = lowerChords;
            this.upperChords = upperChords;
            this.realisable = realisable;
        }
    }

    private CubeCases() {
    }

    static {
        for (int config = 0; config < 256; config++) {
            AMBIGUOUS_FACES[config] = ambiguousFaces(config);
            int k = AMBIGUOUS_FACES[config].length;
            Case[] cases = new Case[1 << k];
            for (int bits = 0; bits < cases.length; bits++) {
                cases[bits] = derive(config, bits);
            }
            if (k == 0 && cases[0].candidateA.length == 0) {
                SIMPLE[config] = cases[0].tilings[0].triangles;
            } else {
                CASES[config] = cases;
            }
        }
    }

    static boolean inside(int config, int corner) {
        return ((config >> corner) & 1) != 0;
    }

    private static int[] ambiguousFaces(int config) {
        int[] out = new int[6];
        int n = 0;
        for (int f = 0; f < 6; f++) {
            int[] fc = CubeGeometry.FACE_CORNERS[f];
            if (AsymptoticDecider.isAmbiguous(inside(config, fc[0]), inside(config, fc[1]), inside(config, fc[2]),
                    inside(config, fc[3]))) {
                out[n++] = f;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Derives the cycles, regions, candidates and tilings of one configuration with its face decisions. */
    static Case derive(int config, int faceBits) {
        int[] amb = AMBIGUOUS_FACES[config] != null ? AMBIGUOUS_FACES[config] : ambiguousFaces(config);

        // regions: corners of one class connected over the boundary
        int[] parent = new int[8];
        for (int c = 0; c < 8; c++) {
            parent[c] = c;
        }
        for (int e = 0; e < 12; e++) {
            int c0 = CubeGeometry.EDGE_CORNERS[e][0];
            int c1 = CubeGeometry.EDGE_CORNERS[e][1];
            if (inside(config, c0) == inside(config, c1)) {
                union(parent, c0, c1);
            }
        }
        for (int i = 0; i < amb.length; i++) {
            int[] fc = CubeGeometry.FACE_CORNERS[amb[i]];
            boolean insideJoined = ((faceBits >> i) & 1) != 0;
            int first = inside(config, fc[0]) == insideJoined ? 0 : 1; // diagonal of the joined class
            union(parent, fc[first], fc[first + 2]);
        }
        int[] region = new int[8];
        int regions = 0;
        int[] regionMask = new int[8];
        int[] id = new int[8];
        Arrays.fill(id, -1);
        for (int c = 0; c < 8; c++) {
            int r = find(parent, c);
            if (id[r] < 0) {
                id[r] = regions++;
            }
            region[c] = id[r];
            regionMask[region[c]] |= 1 << c;
        }

        // oriented segments on the faces
        int[] next = new int[12];
        Arrays.fill(next, -1);
        for (int f = 0; f < 6; f++) {
            int[] fc = CubeGeometry.FACE_CORNERS[f];
            int[] fe = CubeGeometry.FACE_EDGES[f];
            int ambIndex = indexOf(amb, f);
            if (ambIndex >= 0) {
                boolean insideJoined = ((faceBits >> ambIndex) & 1) != 0;
                for (int i = 0; i < 4; i++) {
                    // cut off the corners of the class that is not joined across this face
                    if (inside(config, fc[i]) != insideJoined) {
                        addSegment(config, f, fe[(i + 3) & 3], fe[i], next);
                    }
                }
            } else {
                int[] cross = new int[4];
                int n = 0;
                for (int i = 0; i < 4; i++) {
                    if (inside(config, fc[i]) != inside(config, fc[(i + 1) & 3])) {
                        cross[n++] = fe[i];
                    }
                }
                if (n == 2) {
                    addSegment(config, f, cross[0], cross[1], next);
                } else if (n != 0) {
                    throw new IllegalStateException("face " + f + " of config " + config + " has " + n + " crossings");
                }
            }
        }

        // chain the segments into cycles
        List<int[]> cycleList = new ArrayList<>();
        boolean[] used = new boolean[12];
        for (int e = 0; e < 12; e++) {
            if (next[e] < 0 || used[e]) {
                continue;
            }
            int[] buf = new int[12];
            int n = 0;
            int cur = e;
            while (!used[cur]) {
                used[cur] = true;
                buf[n++] = cur;
                cur = next[cur];
                if (cur < 0) {
                    throw new IllegalStateException("open cycle in config " + config);
                }
            }
            if (cur != e) {
                throw new IllegalStateException("cycle does not close in config " + config);
            }
            cycleList.add(Arrays.copyOf(buf, n));
        }
        int[][] cycles = cycleList.toArray(new int[0][]);
        int[] cycleIn = new int[cycles.length];
        int[] cycleOut = new int[cycles.length];
        for (int k = 0; k < cycles.length; k++) {
            int c0 = CubeGeometry.EDGE_CORNERS[cycles[k][0]][0];
            int c1 = CubeGeometry.EDGE_CORNERS[cycles[k][0]][1];
            int in = inside(config, c0) ? c0 : c1;
            int out = in == c0 ? c1 : c0;
            cycleIn[k] = region[in];
            cycleOut[k] = region[out];
        }

        // candidate interior merges: two regions of one class that border the same region of the other class
        List<int[]> cands = new ArrayList<>();
        for (int a = 0; a < regions; a++) {
            for (int b = a + 1; b < regions; b++) {
                boolean aIn = inside(config, Integer.numberOfTrailingZeros(regionMask[a]));
                boolean bIn = inside(config, Integer.numberOfTrailingZeros(regionMask[b]));
                if (aIn != bIn) {
                    continue;
                }
                if (shareNeighbour(a, b, aIn, cycleIn, cycleOut)) {
                    cands.add(new int[] {a, b});
                }
            }
        }
        int[] candA = new int[cands.size()];
        int[] candB = new int[cands.size()];
        for (int i = 0; i < candA.length; i++) {
            candA[i] = regionMask[cands.get(i)[0]];
            candB[i] = regionMask[cands.get(i)[1]];
        }

        PieceTiler tiler = new PieceTiler(next);
        Tiling[] tilings = new Tiling[1 << cands.size()];
        for (int mask = 0; mask < tilings.length; mask++) {
            int[] group = new int[regions];
            for (int r = 0; r < regions; r++) {
                group[r] = r;
            }
            for (int i = 0; i < cands.size(); i++) {
                if (((mask >> i) & 1) != 0) {
                    union(group, cands.get(i)[0], cands.get(i)[1]);
                }
            }
            // surface pieces: cycles with the same (inside component, outside component)
            List<List<int[]>> pieces = new ArrayList<>();
            List<Long> keys = new ArrayList<>();
            for (int k = 0; k < cycles.length; k++) {
                long key = (long) find(group, cycleIn[k]) << 32 | find(group, cycleOut[k]);
                int at = keys.indexOf(key);
                if (at < 0) {
                    keys.add(key);
                    pieces.add(new ArrayList<>());
                    at = pieces.size() - 1;
                }
                pieces.get(at).add(cycles[k]);
            }
            tilings[mask] = tile(tiler, pieces, mask == 0 ? null : tilings[0].chordFree);
            if (tilings[mask].chordFree == null) {
                throw new IllegalStateException("config " + config + " bits " + faceBits + ": no chord-free tiling");
            }
        }
        return new Case(config, faceBits, cycles, candA, candB, tilings);
    }

    /**
     * Tiles the pieces of one case, with the chord-free alternative; where that would need two centre vertices, the
     * alternative is {@code fallback} (the chord-free tiling of the same case without tunnels).
     */
    private static Tiling tile(PieceTiler tiler, List<List<int[]>> pieces, int[] fallback) {
        boolean realisable = true;
        IntList tris = new IntList();
        IntList free = new IntList();
        int centreUsers = 0;
        for (List<int[]> piece : pieces) {
            IntList own = new IntList();
            if (piece.size() == 2) {
                tiler.annulus(piece.get(0), piece.get(1), own);
            } else {
                realisable &= piece.size() == 1;
                for (int[] cyc : piece) {
                    tiler.disk(cyc, own);
                }
            }
            int[] t = own.toArray();
            tris.addAll(own);
            if (tiler.chords(t, false) == 0 && tiler.chords(t, true) == 0) {
                free.addAll(own);
                centreUsers += contains(t, CENTRE) ? 1 : 0;
            } else if (piece.size() == 2 && tiler.annulusChordFree(piece.get(0), piece.get(1), free)) {
                centreUsers++;
            } else {
                // no chord-free tunnel: its two cycles become separate disks (the tunnel is dropped)
                for (int[] cyc : piece) {
                    centreUsers += tiler.diskChordFree(cyc, free) ? 1 : 0;
                }
            }
        }
        int[] t = tris.toArray();
        int lower = tiler.chords(t, false);
        int upper = tiler.chords(t, true);
        int[] alternative = lower == 0 && upper == 0 ? t : centreUsers <= 1 ? free.toArray() : fallback;
        return new Tiling(t, alternative, lower, upper, realisable);
    }

    private static boolean contains(int[] a, int x) {
        return PieceTiler.indexOf(a, x) >= 0;
    }

    private static boolean shareNeighbour(int a, int b, boolean inside, int[] cycleIn, int[] cycleOut) {
        int[] own = inside ? cycleIn : cycleOut;
        int[] other = inside ? cycleOut : cycleIn;
        for (int i = 0; i < own.length; i++) {
            if (own[i] != a) {
                continue;
            }
            for (int j = 0; j < own.length; j++) {
                if (own[j] == b && other[j] == other[i]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the segment p→q on face f, swapped if needed so that the inside corners lie on its right seen from outside. */
    private static void addSegment(int config, int f, int p, int q, int[] next) {
        double[] mp = CubeGeometry.edgeMidpoint(p);
        double[] mq = CubeGeometry.edgeMidpoint(q);
        double[] n = new double[3];
        n[f >> 1] = (f & 1) == 1 ? 1 : -1;
        double[] d = sub(mq, mp);
        int c0 = CubeGeometry.EDGE_CORNERS[p][0];
        int in = inside(config, c0) ? c0 : CubeGeometry.EDGE_CORNERS[p][1];
        double[] mid = {(mp[0] + mq[0]) / 2, (mp[1] + mq[1]) / 2, (mp[2] + mq[2]) / 2};
        double[] w = sub(CubeGeometry.cornerPoint(in), mid);
        // a triangle (p, q, r) with r inside the cell has its normal's in-plane part along n × (q − p):
        // that must point away from the inside corner
        if (dot(cross(n, d), w) > 0) {
            int t = p;
            p = q;
            q = t;
        }
        if (next[p] >= 0) {
            throw new IllegalStateException("edge " + p + " has two outgoing segments in config " + config);
        }
        next[p] = q;
    }

    private static int indexOf(int[] a, int x) {
        return PieceTiler.indexOf(a, x);
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** A minimal growable int list for the derivation. */
    static final class IntList {
        private int[] a = new int[48];
        private int n;

        void add(int x, int y, int z) {
            if (n + 3 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = x;
            a[n++] = y;
            a[n++] = z;
        }

        void addAll(IntList o) {
            for (int i = 0; i < o.n; i += 3) {
                add(o.a[i], o.a[i + 1], o.a[i + 2]);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
