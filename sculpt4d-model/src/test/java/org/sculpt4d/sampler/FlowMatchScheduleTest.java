package org.sculpt4d.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class FlowMatchScheduleTest {

    /** Spec §5.2 for 50 steps: σ_i = i/49 (within float rounding of the float64 linspace), then 1.0; last step 0. */
    @Test
    void fiftyStepsRunFromZeroToOneWithAFinalZeroStep() {
        FlowMatchSchedule s = FlowMatchSchedule.of(50);
        assertEquals(50, s.steps());
        for (int i = 0; i < 50; i++) {
            float exact = new BigDecimal(i).divide(new BigDecimal(49), MathContext.DECIMAL128).floatValue();
            assertEquals(exact, s.sigma(i), Math.ulp(exact), "sigma " + i);
        }
        assertEquals(0f, s.sigma(0));
        assertEquals(1f, s.sigma(49));
        assertEquals(1f, s.sigma(50));
        assertEquals(0f, s.stepSize(49));
        double total = 0;
        for (int i = 0; i < 50; i++) total += s.stepSize(i);
        assertEquals(1.0, total, 1e-6);
    }

    /**
     * The model time {@code float32(σ·1000)/1000} is not σ everywhere: torch 1.13 gives 2 differing steps of 50, 1 of
     * 100 and 18 of 1000 (counted with {@code (sigmas*1000/1000 != sigmas).sum()}).
     */
    @Test
    void modelTimeDiffersFromSigmaWhereTorchSaysSo() {
        assertEquals(2, differing(50));
        assertEquals(1, differing(100));
        assertEquals(18, differing(1000));
        assertEquals(0, differing(10));
    }

    @Test
    void oneStepIsASingleUnitStepFromNoise() {
        FlowMatchSchedule s = FlowMatchSchedule.of(1); // numpy.linspace(0, 1, 1) == [0.0]
        assertEquals(0f, s.sigma(0));
        assertEquals(1f, s.stepSize(0));
    }

    @Test
    void shiftOneIsTheIdentityAndOtherShiftsBendTheSchedule() {
        FlowMatchSchedule plain = FlowMatchSchedule.of(9), same = FlowMatchSchedule.of(9, 1.0), bent = FlowMatchSchedule.of(9, 3.0);
        for (int i = 0; i <= 9; i++) assertEquals(plain.sigma(i), same.sigma(i));
        double s = 4 / 8.0;
        assertEquals((float) (3 * s / (1 + 2 * s)), bent.sigma(4)); // 0.75
        assertEquals(0.75f, bent.sigma(4));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FlowMatchSchedule.of(0));
        assertThrows(IllegalArgumentException.class, () -> FlowMatchSchedule.of(5, 0.0));
    }

    private static int differing(int steps) {
        FlowMatchSchedule s = FlowMatchSchedule.of(steps);
        int n = 0;
        for (int i = 0; i < steps; i++) if (s.modelTime(i) != s.sigma(i)) n++;
        return n;
    }
}
