package org.sculpt4d.tensor.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackendsTest {

    /** Entry point for the child JVM below: prints the backend chosen at start-up. */
    public static final class PrintBackend {
        public static void main(String[] args) {
            System.out.print(Backends.current().name());
        }
    }

    @Test
    void choosesTheVectorBackendWhenTheModuleIsPresent() {
        assertTrue(Backends.vectorApiPresent(), "surefire runs with --add-modules jdk.incubator.vector");
        assertEquals("vector", Backends.select(null).name());
        assertEquals("scalar", Backends.select("scalar").name());
    }

    @Test
    void unknownBackendErrorListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("cuda"));
        assertTrue(e.getMessage().contains("unknown backend 'cuda'") && e.getMessage().contains("vector")
                && e.getMessage().contains("scalar"), e.getMessage());
    }

    @Test
    void tornadoOutsideItsModuleSaysHowToGetIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.select("tornado"));
        assertTrue(e.getMessage().contains("-Ptornado") && e.getMessage().contains("TORNADOVM_HOME"), e.getMessage());
    }

    @Test
    void fallsBackToScalarWithoutTheVectorModule() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PrintBackend.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("scalar", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

        Process q = new ProcessBuilder(java, "-Dsculpt4d.backend=vector", "-cp", System.getProperty("java.class.path"),
                PrintBackend.class.getName()).start();
        assertTrue(q.waitFor(60, TimeUnit.SECONDS));
        String err = new String(q.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("backend 'vector' is not available") && err.contains("--add-modules"), err);
    }
}
