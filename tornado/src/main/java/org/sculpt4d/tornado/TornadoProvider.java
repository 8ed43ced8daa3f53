package org.sculpt4d.tornado;

import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.BackendProvider;

/**
 * Registers {@link TornadoBackend} as {@code --backend tornado} (found by {@link java.util.ServiceLoader}). It is
 * never chosen by default: its priority is below the CPU backends', so a user asks for the device explicitly.
 * Usable only in a JVM started with TornadoVM's argument file, which loads the TornadoVM runtime.
 */
public final class TornadoProvider implements BackendProvider {
    /** Set by TornadoVM's argument file ({@code $TORNADOVM_HOME/tornado-argfile}). */
    private static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

    @Override
    public String name() {
        return "tornado";
    }

    @Override
    public int priority() {
        return -10;
    }

    @Override
    public String unavailableReason() {
        if (System.getProperty(RUNTIME_PROPERTY) == null) {
            return "the TornadoVM runtime is not loaded: start java with @$TORNADOVM_HOME/tornado-argfile "
                    + "(TornadoVM 5.2.0 for JDK 25; the sculpt4d launcher does this when TORNADOVM_HOME is set)";
        }
        if (!ModuleLayer.boot().findModule("tornado.runtime").isPresent()) {
            return "TornadoVM's modules are not on the module path (check TORNADOVM_HOME/share/java/tornado)";
        }
        return null;
    }

    @Override
    public Backend create() {
        return new TornadoBackend();
    }
}
