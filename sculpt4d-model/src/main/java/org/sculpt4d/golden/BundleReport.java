package org.sculpt4d.golden;

import java.nio.file.Path;
import java.util.List;

/** The outcome of checking one golden bundle: one {@link OutputCheck} per output, under the bundle's tolerances. */
public record BundleReport(Path file, String module, double rtol, double atol, List<OutputCheck> outputs) {
    public BundleReport {
        outputs = List.copyOf(outputs);
    }

    public boolean passed() {
        return outputs.stream().allMatch(OutputCheck::passed);
    }
}
