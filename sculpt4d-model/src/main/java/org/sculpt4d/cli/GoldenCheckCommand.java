package org.sculpt4d.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sculpt4d.golden.BundleReport;
import org.sculpt4d.golden.GoldenCheck;
import org.sculpt4d.golden.OutputCheck;
import org.sculpt4d.tensor.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sculpt4d golden-check FILE...}: runs golden bundles (shared/spec/golden-format.md) and compares every output
 * under the bundle's tolerances. One line per output, then a summary; exit 1 when any output fails or any bundle
 * cannot be checked (one line each, on stderr).
 */
@Command(name = "golden-check", description = "Check golden bundles (sculpt4d-golden/1) against this implementation.")
final class GoldenCheckCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Golden bundles (.safetensors).")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        GoldenCheck check = GoldenCheck.standard();
        long t0 = System.nanoTime();
        int outputs = 0, failed = 0, unreadable = 0;
        for (Path file : files) {
            try {
                BundleReport r = check.check(file);
                for (OutputCheck o : r.outputs()) {
                    out.printf(Locale.ROOT, "%s %s %s (rtol=%.2e atol=%.2e)%n", file, r.module(), o.describe(), r.rtol(),
                            r.atol());
                    outputs++;
                    if (!o.passed()) failed++;
                }
            } catch (IOException | RuntimeException e) {
                unreadable++;
                err.println("sculpt4d golden-check: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                if (Boolean.getBoolean("sculpt4d.debug")) e.printStackTrace(err);
            }
            out.flush();
        }
        out.printf(Locale.ROOT, "golden-check: %d bundle%s, %d output%s: %d passed, %d failed, %d bundle%s unreadable (%.1f s, backend %s)%n",
                files.size(), files.size() == 1 ? "" : "s", outputs, outputs == 1 ? "" : "s", outputs - failed, failed,
                unreadable, unreadable == 1 ? "" : "s", (System.nanoTime() - t0) / 1e9,
                Backends.current().name());
        out.flush();
        return failed == 0 && unreadable == 0 ? 0 : 1;
    }
}
