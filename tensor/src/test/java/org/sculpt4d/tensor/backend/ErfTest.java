package org.sculpt4d.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErfTest {
    /** Cody's approximation against commons-math's continued-fraction erf: both are double-accurate, so 1e-14 absolute. */
    @Test
    void matchesCommonsMathOverTheWholeRange() {
        for (double x = -7; x <= 7; x += 1e-3) {
            assertEquals(org.apache.commons.math3.special.Erf.erf(x), Erf.erf(x), 1e-14, "erf(" + x + ")");
        }
    }

    @Test
    void isOddAndSaturates() {
        for (double x = 0; x < 10; x += 0.37) assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0);
        assertEquals(1.0, Erf.erf(6.5), 0.0);
        assertEquals(0.0, Erf.erf(0.0), 0.0);
    }
}
