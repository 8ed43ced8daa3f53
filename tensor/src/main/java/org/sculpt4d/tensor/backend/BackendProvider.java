package org.sculpt4d.tensor.backend;

/**
 * A way to make a {@link Backend}, found through {@link java.util.ServiceLoader} so that optional backends (a
 * TornadoVM module) plug in without the core knowing their types.
 */
public interface BackendProvider {
    /** The name users pass to {@code --backend} / {@code -Dsculpt4d.backend}. */
    String name();

    /** Higher wins when no backend is named. */
    int priority();

    /** Null when usable here, otherwise why not (e.g. "jdk.incubator.vector is not in the module graph"). */
    String unavailableReason();

    Backend create();
}
