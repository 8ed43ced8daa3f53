package org.sculpt4d.geometry.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FarthestPointSamplingProperties {

    /** Point clouds with exact ties: continuous, on a coarse lattice (many equal distances), or with repeated points. */
    enum Cloud { UNIFORM, LATTICE, DUPLICATES }

    static float[] cloud(Cloud kind, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        for (int i = 0; i < xyz.length; i++) {
            xyz[i] = kind == Cloud.LATTICE ? 0.25f * r.nextInt(5) : (float) (2 * r.nextDouble() - 1);
        }
        if (kind == Cloud.DUPLICATES) {
            for (int i = 6; i < n; i++) System.arraycopy(xyz, 3 * r.nextInt(6), xyz, 3 * i, 3);
        }
        return xyz;
    }

    /** Squared distance with the arithmetic of the spec (float32, ((dx² + dy²) + dz²)). */
    static float squared(float[] xyz, int a, int b) {
        float dx = xyz[3 * a] - xyz[3 * b], dy = xyz[3 * a + 1] - xyz[3 * b + 1], dz = xyz[3 * a + 2] - xyz[3 * b + 2];
        return (dx * dx + dy * dy) + dz * dz;
    }

    /** Distance of point {@code p} to the first {@code m} picks. */
    static float toPicks(float[] xyz, int[] picks, int m, int p) {
        float d = Float.POSITIVE_INFINITY;
        for (int s = 0; s < m; s++) d = Math.min(d, squared(xyz, p, picks[s]));
        return d;
    }

    /** The definition, recomputed from scratch at every step: the first point farthest from all earlier picks. */
    static int[] bruteForce(float[] xyz, int start, int count) {
        int n = xyz.length / 3;
        int[] out = new int[count];
        out[0] = start;
        for (int i = 1; i < count; i++) {
            int best = 0;
            for (int p = 1; p < n; p++) if (toPicks(xyz, out, i, p) > toPicks(xyz, out, i, best)) best = p;
            out[i] = best;
        }
        return out;
    }

    @Property(tries = 300)
    void agreesWithTheBruteForceDefinition(@ForAll Cloud kind, @ForAll @IntRange(min = 1, max = 120) int n,
                                           @ForAll @IntRange(min = 1, max = 130) int count, @ForAll long seed) {
        float[] xyz = cloud(kind, n, seed);
        int start = new SplittableRandom(~seed).nextInt(n);
        int[] picks = FarthestPointSampling.select(xyz, start, count);
        assertArrayEquals(bruteForce(xyz, start, count), picks);
        assertEquals(start, picks[0], "the first pick is the start");
    }

    @Property(tries = 200)
    void eachPickIsAtTheCoverageRadiusWhichNeverGrows(@ForAll Cloud kind, @ForAll @IntRange(min = 2, max = 150) int n,
                                                      @ForAll long seed) {
        float[] xyz = cloud(kind, n, seed);
        int[] picks = FarthestPointSampling.select(xyz, new SplittableRandom(seed).nextInt(n), n);
        float previous = Float.POSITIVE_INFINITY;
        for (int m = 1; m < n; m++) {
            float radius = 0;
            for (int p = 0; p < n; p++) radius = Math.max(radius, toPicks(xyz, picks, m, p));
            assertEquals(radius, toPicks(xyz, picks, m, picks[m]), 0f, "pick " + m + " is a farthest point");
            assertTrue(radius <= previous, "coverage radius grew at pick " + m);
            previous = radius;
        }
    }

    @Property(tries = 200)
    void picksAreDistinctWhileDistinctPointsRemain(@ForAll @IntRange(min = 1, max = 150) int n, @ForAll long seed) {
        float[] xyz = cloud(Cloud.UNIFORM, n, seed);
        Set<List<Float>> points = new HashSet<>();
        for (int i = 0; i < n; i++) points.add(List.of(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]));
        Assume.that(points.size() == n);
        int[] picks = FarthestPointSampling.select(xyz, (int) Math.floorMod(seed, (long) n), n);
        assertEquals(n, Arrays.stream(picks).distinct().count(), "a permutation of the points");
    }

    @Test
    void onceEveryDistanceIsZeroTheArgmaxIsIndexZero() {
        // two distinct points, each twice: after both are picked every running distance is 0 (spec §2.7, upstream)
        float[] xyz = {0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
        assertArrayEquals(new int[] {3, 0, 0, 0, 0}, FarthestPointSampling.select(xyz, 3, 5));
    }

    @Test
    void invalidArgumentsAreNamed() {
        float[] xyz = {0, 0, 0, 1, 1, 1};
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FarthestPointSampling.select(xyz, 2, 1))
                .getMessage().contains("start 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FarthestPointSampling.select(new float[4], 0, 1))
                .getMessage().contains("xyz triples"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FarthestPointSampling.select(new float[] {0, Float.NaN, 0}, 0, 1)).getMessage().contains("point 0"));
    }
}
