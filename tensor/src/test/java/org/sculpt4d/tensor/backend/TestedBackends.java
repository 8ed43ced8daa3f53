package org.sculpt4d.tensor.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The backends every backend property checks against the oracles: the scalar reference, the Vector API backend, and
 * any other provider that is usable in this JVM (the TornadoVM backend, when the tornado module runs these
 * properties under TornadoVM).
 */
final class TestedBackends {
    private TestedBackends() {
    }

    static List<Backend> all() {
        List<Backend> all = new ArrayList<>();
        for (BackendProvider p : Backends.providers()) {
            if (p.unavailableReason() == null) all.add(p.create());
        }
        if (all.size() < 2) throw new IllegalStateException("expected the scalar and vector backends, got " + all);
        return List.copyOf(all);
    }
}
