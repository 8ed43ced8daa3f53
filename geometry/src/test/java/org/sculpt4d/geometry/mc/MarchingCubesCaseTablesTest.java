package org.sculpt4d.geometry.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Invariants of every derived tiling: 256 configurations × face decisions × tunnel decisions. */
class MarchingCubesCaseTablesTest {

    private static boolean crossing(int config, int e) {
        return CubeCases.inside(config, CubeGeometry.EDGE_CORNERS[e][0])
                != CubeCases.inside(config, CubeGeometry.EDGE_CORNERS[e][1]);
    }

    @Test
    void numbering() {
        for (int e = 0; e < 12; e++) {
            int c0 = CubeGeometry.EDGE_CORNERS[e][0];
            int c1 = CubeGeometry.EDGE_CORNERS[e][1];
            assertEquals(CubeGeometry.axisBit(CubeGeometry.EDGE_AXIS[e]), c0 ^ c1);
            assertEquals(e, CubeGeometry.edgeBetween(c0, c1));
        }
        for (int f = 0; f < 6; f++) {
            for (int c : CubeGeometry.FACE_CORNERS[f]) {
                assertEquals(f & 1, CubeGeometry.offset(c, f >> 1), "face corners lie on the face");
            }
        }
    }

    @Test
    void everyTilingBoundsItsSegmentsExactlyOnce() {
        int checked = 0;
        for (int config = 1; config < 255; config++) {
            if (CubeCases.SIMPLE[config] != null) {
                CubeCases.Case c = CubeCases.derive(config, 0);
                check(c, CubeCases.SIMPLE[config], 0, true);
                checked++;
                continue;
            }
            for (CubeCases.Case c : CubeCases.CASES[config]) {
                for (int mask = 0; mask < c.tilings.length; mask++) {
                    CubeCases.Tiling t = c.tilings[mask];
                    if (!t.realisable) {
                        continue;
                    }
                    check(c, t.triangles, Integer.bitCount(mask), true);
                    check(c, t.chordFree, -1, false);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "checked " + checked + " tilings");
    }

    /**
     * @param merges number of tunnels (−1: unknown, the chord-free alternative may drop a tunnel)
     */
    private static void check(CubeCases.Case c, int[] tris, int merges, boolean lewinerCounts) {
        String where = "config " + c.config + " bits " + c.faceBits;
        Set<Integer> used = new HashSet<>();
        Map<Long, Integer> directed = new HashMap<>();
        for (int i = 0; i < tris.length; i += 3) {
            for (int s = 0; s < 3; s++) {
                int u = tris[i + s];
                int v = tris[i + (s + 1) % 3];
                assertTrue(u == CubeCases.CENTRE || crossing(c.config, u), where + ": code " + u);
                used.add(u);
                directed.merge((long) u << 8 | v, 1, Integer::sum);
            }
        }
        Set<Long> segments = new HashSet<>();
        int crossings = 0;
        for (int[] cyc : c.cycles) {
            crossings += cyc.length;
            for (int i = 0; i < cyc.length; i++) {
                segments.add((long) cyc[i] << 8 | cyc[(i + 1) % cyc.length]);
            }
        }
        for (int e = 0; e < 12; e++) {
            assertEquals(crossing(c.config, e), used.contains(e), where + ": edge " + e);
        }
        // boundary of the patch = the oriented segments; interior edges once in each direction
        for (Map.Entry<Long, Integer> d : directed.entrySet()) {
            long key = d.getKey();
            long reverse = (key & 0xff) << 8 | key >> 8;
            assertEquals(1, (int) d.getValue(), where + ": repeated directed edge");
            boolean boundary = !directed.containsKey(reverse);
            assertEquals(segments.contains(key), boundary, where + ": edge " + (key >> 8) + "→" + (key & 0xff));
        }
        for (long s : segments) {
            assertTrue(directed.containsKey(s), where + ": segment not covered");
        }
        // Euler characteristic: one per disk, zero per annulus
        Set<Long> undirected = new HashSet<>();
        for (long key : directed.keySet()) {
            long a = key >> 8;
            long b = key & 0xff;
            undirected.add(Math.min(a, b) << 8 | Math.max(a, b));
        }
        int euler = used.size() - undirected.size() + tris.length / 3;
        if (merges >= 0) {
            assertEquals(c.cycles.length - 2 * merges, euler, where);
        }
        if (lewinerCounts && merges >= 0) {
            int expected = expectedTriangles(c, merges, used.contains(CubeCases.CENTRE));
            assertEquals(expected, tris.length / 3, where + ": triangle count");
        }
        if (!lewinerCounts) {
            PieceTiler tiler = new PieceTiler(next(c));
            assertEquals(0, tiler.chords(tris, false) | tiler.chords(tris, true), where + ": chord in a face");
        }
    }

    /**
     * Lewiner's counts: a disk of k crossings k − 2 triangles (k around the centre from 8 on), an annulus n + m
     * (n + m + 2 through the centre, the 3 + 4 tunnel); each tunnel joins two cycles into one annulus.
     */
    private static int expectedTriangles(CubeCases.Case c, int merges, boolean centre) {
        int crossings = 0;
        for (int[] cyc : c.cycles) {
            crossings += cyc.length;
        }
        int disks = c.cycles.length - 2 * merges;
        return crossings - 2 * disks + (centre ? 2 : 0);
    }

    private static int[] next(CubeCases.Case c) {
        int[] next = new int[12];
        java.util.Arrays.fill(next, -1);
        for (int[] cyc : c.cycles) {
            for (int i = 0; i < cyc.length; i++) {
                next[cyc[i]] = cyc[(i + 1) % cyc.length];
            }
        }
        return next;
    }

    @Test
    void simpleConfigurationsAreTheUnambiguousOnes() {
        int simple = 0;
        for (int config = 0; config < 256; config++) {
            boolean hasSimple = CubeCases.SIMPLE[config] != null;
            assertTrue(hasSimple != (CubeCases.CASES[config] != null), "exactly one table per configuration");
            simple += hasSimple ? 1 : 0;
            if (hasSimple && CubeCases.AMBIGUOUS_FACES[config].length > 0) {
                fail("config " + config + " has ambiguous faces");
            }
        }
        // 256 minus the configurations with an ambiguous face (MC33 cases 3, 6, 7, 10, 12, 13 and complements)
        // and those with a possible tunnel only (case 4 and its complement: 8 configurations)
        assertEquals(256 - 8 - countWithAmbiguousFaces(), simple);
    }

    private static int countWithAmbiguousFaces() {
        int n = 0;
        for (int config = 0; config < 256; config++) {
            n += CubeCases.AMBIGUOUS_FACES[config].length > 0 ? 1 : 0;
        }
        return n;
    }
}
