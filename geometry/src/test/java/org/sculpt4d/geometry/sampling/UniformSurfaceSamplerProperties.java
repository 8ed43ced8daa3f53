package org.sculpt4d.geometry.sampling;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical checks use a fixed false-failure probability: chi-square at p = 1e-6 per try, and 5σ normal bounds
 * (two-sided 5.7e-7) for means, so a run of these properties fails by chance with probability below 1e-4.
 */
class UniformSurfaceSamplerProperties {
    private static final double CHI_SQUARE_FALSE_FAILURE = 1e-6;

    @Provide
    Arbitrary<TriangleMesh> meshes() {
        return TestMeshes.randomMeshes().filter(m -> MeshMeasures.area(m) > 1e-3);
    }

    @Property(tries = 20)
    void faceCountsFollowTheAreas(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        int n = 20_000;
        SurfaceSamples s = new UniformSurfaceSampler(mesh).sample(n, seed);
        double[] areas = MeshMeasures.faceAreas(mesh);
        double total = MeshMeasures.area(mesh);
        int[] counts = new int[areas.length];
        for (int f : s.faces()) counts[f]++;
        // faces expecting fewer than 5 samples are pooled into one bin, where the chi-square law holds
        double chi = 0, pooledExpected = 0, pooledCount = 0;
        int bins = 0;
        for (int f = 0; f < areas.length; f++) {
            double expected = n * areas[f] / total;
            if (areas[f] == 0) {
                assertEquals(0, counts[f], "zero-area face " + f + " drawn");
            } else if (expected < 5) {
                pooledExpected += expected;
                pooledCount += counts[f];
            } else {
                chi += (counts[f] - expected) * (counts[f] - expected) / expected;
                bins++;
            }
        }
        if (pooledExpected > 0) {
            chi += (pooledCount - pooledExpected) * (pooledCount - pooledExpected) / pooledExpected;
            bins++;
        }
        if (bins < 2) return;
        double limit = new ChiSquaredDistribution(bins - 1).inverseCumulativeProbability(1 - CHI_SQUARE_FALSE_FAILURE);
        assertTrue(chi < limit, "chi-square " + chi + " over " + bins + " bins, limit " + limit);
    }

    @Property(tries = 40)
    void pointsLieOnTheirFacesWithBarycentricWeights(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        SurfaceSamples s = new UniformSurfaceSampler(mesh).sample(500, seed);
        SampleChecks.assertOnFaces(s);
        double[] fn = MeshMeasures.faceNormals(mesh);
        for (int i = 0; i < s.size(); i++) {
            for (int k = 0; k < 3; k++) assertEquals((float) fn[3 * s.faces()[i] + k], s.normals()[3 * i + k]);
        }
    }

    @Property(tries = 20)
    void theSameSeedGivesTheSameSamples(@ForAll("meshes") TriangleMesh mesh, @ForAll long seed) {
        UniformSurfaceSampler sampler = new UniformSurfaceSampler(mesh);
        SurfaceSamples a = sampler.sample(300, seed), b = new UniformSurfaceSampler(mesh).sample(300, seed);
        assertArrayEquals(a.faces(), b.faces());
        assertArrayEquals(a.weights(), b.weights());
        assertArrayEquals(a.positions(), b.positions());
        assertFalse(java.util.Arrays.equals(a.weights(), sampler.sample(300, seed + 1).weights()));
    }

    /** Uniform on the triangle: each weight is Beta(1, 2), mean 1/3, variance 1/18. */
    @Test
    void eachWeightAveragesOneThird() {
        int n = 200_000;
        SurfaceSamples s = new UniformSurfaceSampler(TestMeshes.icosahedron()).sample(n, 7);
        for (int c = 0; c < 3; c++) assertMeanWithinFiveSigma(1.0 / 3, 1.0 / 18, s.weights(), c);
    }

    /**
     * On the unit cube's surface a coordinate is 0 or 1 on a third of the area and uniform on the rest: mean 1/2,
     * variance (1/3)(1/4) + (2/3)(1/12) = 5/36.
     */
    @Test
    void theMeanPointOfTheCubeSurfaceIsItsCentre() {
        int n = 200_000;
        SurfaceSamples s = new UniformSurfaceSampler(TestMeshes.cube()).sample(n, 11);
        float[] p = s.positions();
        double[] positions = new double[p.length];
        for (int i = 0; i < p.length; i++) positions[i] = p[i];
        for (int k = 0; k < 3; k++) assertMeanWithinFiveSigma(0.5, 5.0 / 36, positions, k);
    }

    /** The mean of column {@code c} of an N×3 array is within 5σ (σ² = variance / N) of {@code expected}. */
    private static void assertMeanWithinFiveSigma(double expected, double variance, double[] values, int c) {
        int n = values.length / 3;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += values[3 * i + c] / n;
        assertEquals(expected, mean, 5 * Math.sqrt(variance / n), "column " + c);
    }

    @Test
    void aSurfaceWithoutAreaIsRefused() {
        TriangleMesh flat = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, new int[] {0, 1, 2});
        assertThrows(IllegalArgumentException.class, () -> new UniformSurfaceSampler(flat));
    }
}
