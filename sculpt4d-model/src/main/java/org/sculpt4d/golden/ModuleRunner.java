package org.sculpt4d.golden;

import java.io.IOException;
import java.util.Map;

/**
 * Runs one module of the golden table on a bundle: reads its config (rejecting, by name, keys and values it does not
 * implement), its weights and inputs, and returns every output the module defines, by name (without {@code output.}).
 */
@FunctionalInterface
public interface ModuleRunner {
    Map<String, Computed> run(GoldenBundle bundle) throws IOException;
}
