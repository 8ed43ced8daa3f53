package org.sculpt4d.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The committed golden bundles: {@code golden-outputs/bundles/*.safetensors}, which the port must pass, and
 * {@code golden-outputs/divergences/*.safetensors}, its documented differences (set by the pom as
 * {@code sculpt4d.bundles} and {@code sculpt4d.divergences}).
 */
final class Bundles {
    private Bundles() {
    }

    static Path directory() {
        return directory("bundles");
    }

    private static Path directory(String kind) {
        return Path.of(System.getProperty("sculpt4d." + kind, "../golden-outputs/" + kind)).toAbsolutePath().normalize();
    }

    /** One skipped test saying that there is nothing to check (surefire shows it, unlike an aborted factory). */
    static Stream<DynamicTest> noneToCheck(String what) {
        return Stream.of(DynamicTest.dynamicTest("no bundles", () -> Assumptions.abort("no " + what + " in "
                + directory() + " (written by golden-outputs/generator); nothing to check")));
    }

    /** The bundles the port must pass, sorted by name; empty when the directory is missing or holds none. */
    static List<Path> all() {
        return list(directory());
    }

    /** The bundles of documented divergences, sorted by name. */
    static List<Path> divergences() {
        return list(directory("divergences"));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
