package org.sculpt4d.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @Test
    void everyHalfBitPatternWidensExactlyAsTorchDoes() throws Exception {
        float[] torch;
        try (SafeTensorsFile f = SafeTensorsFile.open(Fixtures.path("half_table.safetensors"))) {
            torch = f.stateDict().get("f32").toFloat().toArray();
        }
        assertEquals(1 << 16, torch.length);
        for (int h = 0; h < 1 << 16; h++) {
            assertEquals(Float.floatToRawIntBits(torch[h]), Float.floatToRawIntBits(HalfFloat.toFloat((short) h)),
                    "half 0x" + Integer.toHexString(h));
        }
    }

    /** An independent oracle: (-1)^s · 2^(e-15) · (1 + f/1024), or 2^-14 · f/1024 when e = 0, computed in double. */
    @Test
    void everyFiniteHalfMatchesItsDefinition() {
        for (int h = 0; h < 1 << 16; h++) {
            int e = (h >>> 10) & 0x1F, f = h & 0x3FF;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            float got = HalfFloat.toFloat((short) h);
            if (e == 0x1F) {
                assertTrue(f == 0 ? Float.isInfinite(got) && Math.signum(got) == sign : Float.isNaN(got), "0x" + Integer.toHexString(h));
                continue;
            }
            double want = e == 0 ? sign * Math.scalb(f / 1024.0, -14) : sign * Math.scalb(1 + f / 1024.0, e - 15);
            assertEquals(Float.floatToRawIntBits((float) want), Float.floatToRawIntBits(got), "0x" + Integer.toHexString(h));
        }
    }

    @Test
    void knownHalfValues() {
        assertEquals(1.0f, HalfFloat.toFloat((short) 0x3C00));
        assertEquals(-2.0f, HalfFloat.toFloat((short) 0xC000));
        assertEquals(65504.0f, HalfFloat.toFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfFloat.toFloat((short) 0x0001));
        assertEquals(0x1p-14f, HalfFloat.toFloat((short) 0x0400));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(HalfFloat.toFloat((short) 0x8000)));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloat.toFloat((short) 0xFC00));
        assertEquals(0x7FC02000, Float.floatToRawIntBits(HalfFloat.toFloat((short) 0x7C01)), "signalling NaN made quiet, payload kept");
    }

    @Test
    void bfloat16IsTheTopHalfOfAFloat() {
        for (int b = 0; b < 1 << 16; b++) {
            assertEquals(b << 16, Float.floatToRawIntBits(HalfFloat.bfloat16ToFloat((short) b)), "0x" + Integer.toHexString(b));
        }
        assertEquals(1.0f, HalfFloat.bfloat16ToFloat((short) 0x3F80));
        assertEquals(-0.5f, HalfFloat.bfloat16ToFloat((short) 0xBF00));
    }

    /**
     * Rounding against the table of all halves: every finite half rounds to itself, the midpoint between two
     * consecutive positive halves rounds to the one with an even fraction, and points just off the midpoint round to
     * the nearer one; the largest half's upper midpoint (65520) and beyond overflow.
     */
    @Test
    void roundingToHalfIsNearestTiesToEven() {
        for (int h = 0; h < 0x7C00; h++) { // positive finite halves
            float v = HalfFloat.toFloat((short) h);
            assertEquals(v, HalfFloat.roundToHalf(v));
            assertEquals(-v, HalfFloat.roundToHalf(-v));
            if (h + 1 == 0x7C00) break;
            float next = HalfFloat.toFloat((short) (h + 1));
            double mid = ((double) v + next) / 2; // exact in float32: halves have 11 significant bits
            float even = (h & 1) == 0 ? v : next;
            assertEquals(even, HalfFloat.roundToHalf((float) mid), "midpoint after half 0x" + Integer.toHexString(h));
            assertEquals(v, HalfFloat.roundToHalf(Math.nextDown((float) mid)));
            assertEquals(next, HalfFloat.roundToHalf(Math.nextUp((float) mid)));
        }
        assertEquals(65504f, HalfFloat.roundToHalf(Math.nextDown(65520f)));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.roundToHalf(65520f));
        assertEquals(Float.NEGATIVE_INFINITY, HalfFloat.roundToHalf(-1e6f));
        assertTrue(Float.isNaN(HalfFloat.roundToHalf(Float.NaN)));
    }
}
