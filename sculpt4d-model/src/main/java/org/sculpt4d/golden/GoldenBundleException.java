package org.sculpt4d.golden;

import java.io.IOException;

/**
 * A golden bundle that cannot be checked: not a bundle, an unknown format or module, a config key or value this port
 * does not implement, missing or extra weights, inputs or outputs. The message is one line: the file, then the problem.
 */
public final class GoldenBundleException extends IOException {
    private static final long serialVersionUID = 1L;

    public GoldenBundleException(Object file, String problem) {
        super(file + ": " + problem);
    }

    /** With the exception that made the bundle unusable, for debugging. */
    public GoldenBundleException(Object file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
