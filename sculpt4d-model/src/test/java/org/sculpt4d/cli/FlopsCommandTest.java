package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlopsCommandTest {

    @Test
    void paperSettingPrintsOursThePapersAndTheUnexplainedFactor() {
        MainTest.Run r = MainTest.run("flops", "--frames", "32", "--tokens", "4096", "--steps", "50", "--cfg", "--mask", "sculpt4d");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("density rho = 0.345"), out);
        assertTrue(out.matches("(?s).*full +1\\.00000 +344\\.5 +425\\.7 +1\\.236.*"), out);
        assertTrue(out.matches("(?s).*sculpt4d +0\\.345000 +150\\.9 +186\\.3 .*"), out);
        assertTrue(out.contains("same setting"), out);
        assertTrue(out.contains("ours 56.2%"), out);
        assertTrue(out.contains("unexplained"), out);
    }

    @Test
    void densityOverridesThePresetAndOtherSettingsAreFlagged() {
        MainTest.Run r = MainTest.run("flops", "--frames", "4", "--tokens", "64", "--steps", "3", "--density", "0.5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("density rho = 0.500000 (--density)"), r.out());
        assertTrue(r.out().contains("NOT the paper's setting"), r.out());
        assertTrue(r.out().contains("3 steps, CFG off: 3 forward passes"), r.out());
    }

    @Test
    void badArgumentsAreOneClearLine() {
        MainTest.Run mask = MainTest.run("flops", "--mask", "diagonal");
        assertEquals(2, mask.code());
        assertTrue(mask.err().contains("mask 'diagonal' is not one of: full, sculpt4d, no-sink, fixed-stride, temporal-only"),
                mask.err());
        MainTest.Run rho = MainTest.run("flops", "--density", "1.5");
        assertEquals(2, rho.code());
        assertTrue(rho.err().contains("--density must be in [0, 1], got 1.5"), rho.err());
        assertFalse(rho.err().contains("\tat "), rho.err());
    }
}
