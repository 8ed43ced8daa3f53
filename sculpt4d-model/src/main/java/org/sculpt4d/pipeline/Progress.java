package org.sculpt4d.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar with ETA on stderr for one stage of a run (sampling steps, volume decoding, marching cubes):
 * {@code sampling  12/50 [#######.............]  24%  ETA 1m03s}. Redrawn in place at most ten times a second, and
 * silent when stderr is not a terminal or the run is quiet ({@link #silent()}), so logs and pipes stay clean.
 */
public final class Progress implements AutoCloseable {
    private static final int BAR = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String stage;
    private final long total;
    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDraw;

    Progress(String stage, long total, PrintStream out, LongSupplier clock) {
        if (total < 0) throw new IllegalArgumentException("progress: total " + total + " is negative");
        this.stage = stage;
        this.total = total;
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    /** A bar on stderr when it is a terminal and {@code quiet} is false, otherwise a silent one. */
    public static Progress on(String stage, long total, boolean quiet) {
        return quiet || System.console() == null ? silent() : new Progress(stage, total, System.err, System::nanoTime);
    }

    /** A progress that draws nothing. */
    public static Progress silent() {
        return new Progress("", 0, null, () -> 0L);
    }

    /** Counts {@code units} more as done and redraws when due. */
    public void advance(long units) {
        done = Math.min(total, done + units);
        if (out == null) return;
        long now = clock.getAsLong();
        if (done == total || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            out.print("\r" + line(stage, done, total, now - start));
            out.flush();
        }
    }

    /** Ends the bar's line. */
    @Override
    public void close() {
        if (out != null) out.println();
    }

    /** One rendering: the ETA extrapolates the mean time per unit so far; unknown before the first unit. */
    static String line(String stage, long done, long total, long elapsedNanos) {
        int filled = total == 0 ? BAR : (int) (BAR * done / total);
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        long percent = total == 0 ? 100 : 100 * done / total;
        String eta = done == 0 ? "?" : duration((long) ((double) elapsedNanos / done * (total - done) / 1e9));
        return String.format(Locale.ROOT, "%-10s %d/%d [%s] %3d%%  %s %s", stage, done, total, bar, percent,
                done == total ? "took" : "ETA", done == total ? duration(elapsedNanos / 1_000_000_000L) : eta);
    }

    /** {@code 45s}, {@code 1m03s}, {@code 2h05m}. */
    static String duration(long seconds) {
        if (seconds < 60) return seconds + "s";
        if (seconds < 3600) return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
    }
}
