package org.sculpt4d.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void etaExtrapolatesTheMeanTimePerUnit() {
        // 10 of 50 steps in 20 s: 2 s per step, 40 steps left
        assertEquals("sampling   10/50 [####................]  20%  ETA 1m20s",
                Progress.line("sampling", 10, 50, 20_000_000_000L));
        assertEquals("decode     0/8 [....................]   0%  ETA ?", Progress.line("decode", 0, 8, 5));
        assertEquals("mc         8/8 [####################] 100%  took 3s", Progress.line("mc", 8, 8, 3_500_000_000L));
    }

    @Test
    void durations() {
        assertEquals("59s", Progress.duration(59));
        assertEquals("1m00s", Progress.duration(60));
        assertEquals("2h05m", Progress.duration(2 * 3600 + 5 * 60 + 59));
    }

    @Property
    void barLengthIsFixedAndPercentMonotone(@ForAll @LongRange(min = 1, max = 1_000_000) long total,
                                            @ForAll @LongRange(min = 0, max = 1_000_000) long done) {
        long d = Math.min(done, total);
        String a = Progress.line("s", d, total, 1), b = Progress.line("s", Math.min(total, d + 1), total, 1);
        String barA = a.substring(a.indexOf('[') + 1, a.indexOf(']'));
        assertEquals(20, barA.length());
        int pa = Integer.parseInt(a.substring(a.indexOf(']') + 1, a.indexOf('%')).trim());
        int pb = Integer.parseInt(b.substring(b.indexOf(']') + 1, b.indexOf('%')).trim());
        assertTrue(pa <= pb && pb <= 100);
    }

    @Test
    void redrawsAtMostTenTimesASecondAndAlwaysAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (Progress p = new Progress("steps", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get)) {
            for (int i = 0; i < 1000; i++) {
                now.addAndGet(1_000_000L); // 1 ms per unit: 1 s in all
                p.advance(1);
            }
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        long draws = out.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 10 && draws <= 12, draws + " draws");
        assertTrue(out.stripTrailing().endsWith("1000/1000 [####################] 100%  took 1s"), out);
    }

    @Test
    void silentDrawsNothing() {
        Progress p = Progress.silent();
        p.advance(5);
        p.close();
    }
}
