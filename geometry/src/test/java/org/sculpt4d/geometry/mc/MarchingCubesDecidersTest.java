package org.sculpt4d.geometry.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The asymptotic decider and the exact interior test against hand-made cells and a brute-force flood fill. */
class MarchingCubesDecidersTest {

    @Test
    void asymptoticDeciderJoinsWhenTheSaddleIsInside() {
        // inside diagonal (a, c), outside diagonal (b, d): saddle value (ac − bd)/(a + c − b − d)
        assertTrue(AsymptoticDecider.insideJoined(1, -0.5, 1, -0.5)); // 1 − 0.25 > 0
        assertFalse(AsymptoticDecider.insideJoined(0.5, -1, 0.5, -1)); // 0.25 − 1 < 0
        assertTrue(AsymptoticDecider.insideJoined(-0.5, 1, -0.5, 1)); // inside diagonal in the odd positions
        assertFalse(AsymptoticDecider.insideJoined(1, -1, 1, -1), "a saddle exactly at the level separates");
        assertFalse(AsymptoticDecider.insideJoined(1, Float.NaN, 1, -1), "NaN is outside and never joins");
    }

    @Test
    void case4TunnelOpensWhenTheCentreIsInside() {
        InteriorTest t = new InteriorTest();
        int[] label = new int[8];
        // inside corners 0 and 7 at the ends of a body diagonal; the centre value is (2 − 6b)/8
        double[] open = {1, -0.2, -0.2, -0.2, -0.2, -0.2, -0.2, 1};
        t.label(open, label);
        assertEquals(label[0], label[7], "centre 0.1 > 0: tunnel");
        double[] closed = {1, -1, -1, -1, -1, -1, -1, 1};
        t.label(closed, label);
        assertTrue(label[0] != label[7], "centre −0.5: two separate corners");
        // the complement (case 4 with two outside corners) is decided by the same sweep
        double[] complement = {-1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, -1};
        t.label(complement, label);
        assertEquals(label[0], label[7], "outside tunnel");
        assertEquals(label[1], label[6], "the inside corners stay connected over the faces");
    }

    @Test
    void exactInteriorTestAgreesWithAFloodFill() {
        InteriorTest t = new InteriorTest();
        Random r = new Random(3);
        int[] label = new int[8];
        double[] v = new double[8];
        int tested = 0;
        int disagreements = 0;
        for (int n = 0; n < 3000 && tested < 400; n++) {
            int config = 0;
            for (int c = 0; c < 8; c++) {
                v[c] = r.nextGaussian();
                config |= v[c] > 0 ? 1 << c : 0;
            }
            // only cells whose case has a possible tunnel are interesting
            if (CubeCases.CASES[config] == null) {
                continue;
            }
            tested++;
            t.label(v, label);
            if (!TrilinearFloodFill.samePartition(label, TrilinearFloodFill.cornerLabels(v, 40))) {
                disagreements++;
            }
        }
        assertTrue(tested >= 400);
        // a flood fill at 1/40 can only miss a thin tunnel; seed 3 gives none
        assertEquals(0, disagreements);
    }
}
