package org.sculpt4d.tensor.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Chooses the backend once at start-up: the one named by {@code -Dsculpt4d.backend} (or {@link #use}), otherwise the
 * available provider with the highest priority: the Vector API backend when {@code jdk.incubator.vector} is present,
 * the scalar one otherwise.
 */
public final class Backends {
    /** The optional TornadoVM backend's name, known here only to explain its absence. */
    private static final String TORNADO = "tornado";
    private static volatile Backend current;

    private Backends() {
    }

    /** The backend in use, chosen on first call. */
    public static Backend current() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                if (current == null) current = select(System.getProperty("sculpt4d.backend"));
                b = current;
            }
        }
        return b;
    }

    /** Switches the process to the backend called {@code name} (for the CLI's {@code --backend}). */
    public static Backend use(String name) {
        Backend b = select(name);
        current = b;
        return b;
    }

    /** All providers: the built-in ones and those found by {@link ServiceLoader}. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> all = new ArrayList<>(List.of(new ScalarProvider(), new VectorProvider()));
        ServiceLoader.load(BackendProvider.class).forEach(all::add);
        return all;
    }

    /** The named backend (null or empty: the best available), or a clear error saying why it cannot be used. */
    public static Backend select(String name) {
        BackendProvider best = null;
        List<String> names = new ArrayList<>();
        for (BackendProvider p : providers()) {
            names.add(p.name());
            if (name != null && !name.isEmpty()) {
                if (p.name().equals(name)) {
                    String why = p.unavailableReason();
                    if (why != null) throw new IllegalStateException("backend '" + name + "' is not available: " + why);
                    return p.create();
                }
            } else if (p.unavailableReason() == null && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        if (TORNADO.equals(name)) {
            throw new IllegalStateException("backend 'tornado' is not in this build: it is the optional module built with "
                    + "mvn -Ptornado install on JDK 25 with TornadoVM installed and TORNADOVM_HOME set (README, "
                    + "\"GPU with TornadoVM\"); ./sculpt4d then runs it when TORNADOVM_HOME is set");
        }
        if (name != null && !name.isEmpty()) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; known: " + String.join(", ", names));
        }
        return best.create();
    }

    /** Whether the incubating Vector API module is in the module graph of this JVM. */
    public static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static final class ScalarProvider implements BackendProvider {
        public String name() { return "scalar"; }
        public int priority() { return 0; }
        public String unavailableReason() { return null; }
        public Backend create() { return new ScalarBackend(); }
    }

    private static final class VectorProvider implements BackendProvider {
        public String name() { return "vector"; }
        public int priority() { return 10; }
        public String unavailableReason() {
            return vectorApiPresent() ? null
                    : "jdk.incubator.vector is not in the module graph (run java with --add-modules jdk.incubator.vector)";
        }
        // VectorBackend (and so jdk.incubator.vector) is only loaded here, once the module is known to be present
        public Backend create() { return new org.sculpt4d.tensor.backend.vector.VectorBackend(); }
    }
}
