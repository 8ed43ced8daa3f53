package org.sculpt4d.geometry.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

/** {@link MeshMetrics} end to end: determinism, thread independence, identical and scaled spheres, the mean. */
class MeshMetricsTest {
    private static final MeshMetrics SMALL = new MeshMetrics().samples(5_000).iouPoints(5_000).iouGrid(16).seed(3);

    @Test
    void identicalMeshesScoreAtTheNoiseFloorAndDoNotDependOnThreads() {
        TriangleMesh sphere = TestMeshes.uvSphere(32, 64, false);
        FrameMetrics one = SMALL.threads(1).evaluate(sphere, sphere, 0), two = SMALL.threads(2).evaluate(sphere, sphere, 0);
        assertEquals(one.chamfer(), two.chamfer(), 0.0);
        assertArrayEquals(one.fScore(), two.fScore(), 0.0);
        assertEquals(1, one.iouPoints(), 0.0);
        assertEquals(1, one.iouGrid(), 0.0);
        // independent samplings: Chamfer ≈ 2 · ½ √(A / N), the Poisson noise floor
        double floor = Math.sqrt(MeshMeasures.area(sphere) / 5_000);
        assertEquals(floor, one.chamfer(), 0.1 * floor);
        assertNotEquals(one.chamfer(), SMALL.evaluate(sphere, sphere, 1).chamfer(), "frames draw other samples");
    }

    @Test
    void aScaledSphereHasTheClosedFormIoUAndMatchingChamfer() {
        TriangleMesh unit = TestMeshes.uvSphere(48, 96, false);
        float[] p = unit.positions().clone();
        for (int i = 0; i < p.length; i++) p[i] *= 0.8f;
        TriangleMesh inner = new TriangleMesh(p, unit.faces());
        FrameMetrics m = SMALL.iouPoints(40_000).iouGrid(48).evaluate(inner, unit, 0);
        double exact = 0.8 * 0.8 * 0.8; // volume ratio, the inner sphere lying inside the outer
        assertEquals(exact, m.iouPoints(), 0.02);
        assertEquals(exact, m.iouGrid(), 0.03);
        // every point is 0.2 from the other sphere, up to the tessellation and sampling noise
        assertEquals(0.4, m.chamfer(), 0.02);
        assertEquals(0, m.fScore002(), 0.0);
    }

    @Test
    void meanAveragesEachFigureAndKeepsAMissingGridNaN() {
        FrameMetrics a = new FrameMetrics(0.1, 0.05, new double[] {0.2, 0.4, 0.8}, 0.5, Double.NaN);
        FrameMetrics b = new FrameMetrics(0.3, 0.15, new double[] {0.4, 0.6, 1.0}, 0.7, Double.NaN);
        FrameMetrics m = FrameMetrics.mean(List.of(a, b));
        assertEquals(0.2, m.chamfer(), 1e-15);
        assertEquals(0.1, m.chamferOnet(), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.5, 0.9}, m.fScore(), 1e-15);
        assertEquals(0.6, m.iouPoints(), 1e-15);
        assertTrue(Double.isNaN(m.iouGrid()));
    }
}
