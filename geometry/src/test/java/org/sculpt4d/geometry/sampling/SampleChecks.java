package org.sculpt4d.geometry.sampling;

import org.sculpt4d.geometry.TriangleMesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions shared by the sampler tests. */
final class SampleChecks {
    private SampleChecks() {
    }

    /**
     * Weights in [0, 1] summing to 1 (within {@link SurfaceSamples#WEIGHT_SUM_TOLERANCE}), and each point equal to the
     * weighted corners of its face up to the rounding of the stored float: half an ulp of the largest coordinate.
     */
    static void assertOnFaces(SurfaceSamples s) {
        TriangleMesh m = s.mesh();
        float[] p = m.positions();
        float extent = 0;
        for (float x : p) extent = Math.max(extent, Math.abs(x));
        double tolerance = Math.ulp(extent) + 1e-30;
        for (int i = 0; i < s.size(); i++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                double w = s.weights()[3 * i + c];
                assertTrue(w >= 0 && w <= 1, "weight " + w);
                sum += w;
            }
            assertEquals(1, sum, SurfaceSamples.WEIGHT_SUM_TOLERANCE);
            int f = s.faces()[i];
            for (int k = 0; k < 3; k++) {
                double expected = 0;
                for (int c = 0; c < 3; c++) expected += s.weights()[3 * i + c] * p[3 * m.faces()[3 * f + c] + k];
                assertEquals(expected, s.positions()[3 * i + k], tolerance, "sample " + i);
            }
        }
    }
}
