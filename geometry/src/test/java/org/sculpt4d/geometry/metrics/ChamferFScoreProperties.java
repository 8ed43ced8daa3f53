package org.sculpt4d.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.sampling.UniformSurfaceSampler;

/**
 * {@link Chamfer} and {@link FScore} invariants (geometry-references.md "Metrics") and the sampling noise floor of
 * two independent 100k samplings of the unit sphere.
 */
class ChamferFScoreProperties {
    @Property(tries = 60)
    void chamferIsSymmetricZeroOnItselfAndEqualsBruteForce(@ForAll @IntRange(min = 1, max = 120) int n,
            @ForAll @IntRange(min = 1, max = 120) int m, @ForAll long seed) {
        Random r = new Random(seed);
        float[] a = cloud(r, n), b = cloud(r, m);
        NearestDistances d = NearestDistances.between(a, b, 2);
        assertEquals(Chamfer.sum(d), Chamfer.sum(NearestDistances.between(b, a, 1)), 1e-12);
        assertEquals(Chamfer.sum(d) / 2, Chamfer.onet(d), 1e-15);
        assertEquals(bruteMean(a, b) + bruteMean(b, a), Chamfer.sum(d), 1e-12);
        assertTrue(Chamfer.sum(d) >= 0);
        assertEquals(0, Chamfer.sum(NearestDistances.between(a, a.clone(), 1)), 0.0);
    }

    @Property(tries = 40)
    void chamferIsTranslationInvariantAndLinearInScale(@ForAll @IntRange(min = 1, max = 80) int n, @ForAll long seed) {
        Random r = new Random(seed);
        float[] a = cloud(r, n), b = cloud(r, n + 3);
        double c = Chamfer.sum(NearestDistances.between(a, b, 1));
        float[] a2 = a.clone(), b2 = b.clone();
        for (int i = 0; i < a2.length; i++) a2[i] = a2[i] * 2 + (i % 3 == 0 ? 0.25f : 0);
        for (int i = 0; i < b2.length; i++) b2[i] = b2[i] * 2 + (i % 3 == 0 ? 0.25f : 0);
        assertEquals(2 * c, Chamfer.sum(NearestDistances.between(a2, b2, 1)), 1e-6 * (1 + c));
    }

    @Property(tries = 60)
    void fScoreIsBoundedMonotoneSymmetricAndHitsItsLimits(@ForAll @IntRange(min = 1, max = 100) int n,
            @ForAll @IntRange(min = 1, max = 100) int m, @ForAll long seed) {
        Random r = new Random(seed);
        NearestDistances d = NearestDistances.between(cloud(r, n), cloud(r, m), 1);
        double previous = 0;
        for (double tau = 0.01; tau < 4; tau *= 1.5) {
            double f = FScore.at(d, tau);
            assertTrue(f >= 0 && f <= 1, "F in [0,1]");
            assertTrue(f >= previous, "F non-decreasing in τ");
            assertEquals(f, FScore.at(d.swapped(), tau), 1e-15);
            previous = f;
        }
        double hausdorff = Math.max(max(d.predToGt()), max(d.gtToPred()));
        double smallest = Math.min(min(d.predToGt()), min(d.gtToPred()));
        assertEquals(1, FScore.at(d, hausdorff), 0.0);
        if (smallest > 0) assertEquals(0, FScore.at(d, smallest / 2), 0.0);
    }

    /**
     * Two independent 100k samplings of one fine unit sphere: each directed mean NN distance is the 2-d Poisson value
     * 1 / (2 √(N / A)) = 0.0056 for A ≈ 4π (the noise floor), so Chamfer (sum) ≈ 0.0112 and the ONet variant
     * ≈ 0.0056. Band ±3 % around the Poisson value for this mesh's area (the sampling error of the mean is ≈ 0.2 %).
     */
    @Example
    void noiseFloorOfTwoSphereSamplingsMatchesThePoissonValue() {
        TriangleMesh sphere = TestMeshes.uvSphere(256, 512, false);
        int n = 100_000;
        UniformSurfaceSampler s = new UniformSurfaceSampler(sphere);
        NearestDistances d = NearestDistances.between(s.sample(n, 1).positions(), s.sample(n, 2).positions(), 2);
        double poisson = 0.5 * Math.sqrt(MeshMeasures.area(sphere) / n);
        assertEquals(0.0056, poisson, 0.0001);
        double onet = Chamfer.onet(d);
        System.out.printf("noise floor: chamfer=%.6f onet=%.6f poisson=%.6f F@0.01=%.4f%n", Chamfer.sum(d), onet,
                poisson, FScore.at(d, 0.01));
        assertEquals(poisson, onet, 0.03 * poisson);
        assertEquals(poisson, NearestDistances.mean(d.predToGt()), 0.03 * poisson);
        assertEquals(poisson, NearestDistances.mean(d.gtToPred()), 0.03 * poisson);
    }

    private static float[] cloud(Random r, int n) {
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
        return p;
    }

    private static double bruteMean(float[] from, float[] to) {
        double sum = 0;
        for (int i = 0; i < from.length / 3; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < to.length / 3; j++) {
                double dx = (double) from[3 * i] - to[3 * j], dy = (double) from[3 * i + 1] - to[3 * j + 1];
                double dz = (double) from[3 * i + 2] - to[3 * j + 2];
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            sum += Math.sqrt(best);
        }
        return sum / (from.length / 3);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }
}
