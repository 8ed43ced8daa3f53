package org.sculpt4d.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FlopsCommandTest {

    /**
     * At the paper's setting the sculpt4d mask's own density lies within 0.005 of the spec's fit to the published
     * figures (0.345), its row repeats the header's density, and the saving against full is the paper's 56 % ± 1 %.
     */
    @Test
    void paperSettingPrintsOursThePapersAndTheUnexplainedFactor() {
        MainTest.Run r = MainTest.run("flops", "--frames", "32", "--tokens", "4096", "--steps", "50", "--cfg", "--mask", "sculpt4d");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        double rho = number(out, "density rho = ([0-9.]+) \\(the mask's block density");
        assertEquals(0.345, rho, 0.005, out);
        assertTrue(out.matches("(?s).*full +1\\.00000 +344\\.5 +425\\.7 +1\\.236.*"), out);
        assertEquals(rho, number(out, "\nsculpt4d +([0-9.]+) +[0-9.]+ +186\\.3 "), 1e-6, out);
        double full = number(out, "\nfull +1\\.00000 +([0-9.]+) "), sculpt = number(out, "\nsculpt4d +[0-9.]+ +([0-9.]+) ");
        assertEquals(0.56, 1 - sculpt / full, 0.01, out);
        assertEquals(100 * (1 - sculpt / full), number(out, "ours ([0-9.]+)%"), 0.1, out);
        assertTrue(out.contains("same setting"), out);
        assertTrue(out.contains("unexplained"), out);
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), () -> "no match for " + regex + " in\n" + out);
        return Double.parseDouble(m.group(1));
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
        assertTrue(mask.err().contains("'diagonal' is not one of:"), mask.err());
        for (String preset : new String[] {"full", "sculpt4d", "no-sink", "fixed-stride", "temporal-only"})
            assertTrue(mask.err().lines().findFirst().orElse("").contains(preset), mask.err());
        MainTest.Run rho = MainTest.run("flops", "--density", "1.5");
        assertEquals(2, rho.code());
        assertTrue(rho.err().contains("--density must be in [0, 1], got 1.5"), rho.err());
        assertFalse(rho.err().contains("\tat "), rho.err());
    }
}
