package org.sculpt4d.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sculpt4d.geometry.io.AtomicFile;

class RunManifestTest {
    @TempDir
    Path dir;

    @Test
    void writesArgumentsWeightsStagesAndFigures() throws IOException {
        Path weights = dir.resolve("w.bin");
        Files.writeString(weights, "abc", StandardCharsets.US_ASCII);
        RunManifest m = new RunManifest("generate", Map.of("sculpt4d", "0.1.0"))
                .argument("steps", 50).argument("mask", "sculpt4d").weights(weights)
                .stage("vae_decode", 1.5).stage("vae_decode", 2.0).figure("mask_density", 0.347);
        Path file = dir.resolve("run.json");
        m.write(file);
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        assertEquals(50, j.at("/arguments/steps").asInt());
        assertEquals("sculpt4d", j.at("/arguments/mask").asText());
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", j.at("/weights/sha256").asText());
        assertEquals(3, j.at("/weights/bytes").asLong());
        assertEquals(3.5, j.at("/stage_seconds/vae_decode").asDouble());
        assertEquals(0.347, j.at("/figures/mask_density").asDouble());
        assertEquals(System.getProperty("java.version"), j.at("/versions/java").asText());
    }

    @Test
    void aFailedWriteLeavesNeitherTargetNorTemporaryFile() throws IOException {
        Path file = dir.resolve("index.html");
        assertThrows(UncheckedIOException.class, () -> AtomicFile.write(file, out -> {
            out.write("<html>".getBytes(StandardCharsets.US_ASCII));
            throw new UncheckedIOException(new IOException("disk full"));
        }));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aWriteReplacesTheOldFileWhole() throws IOException {
        Path file = dir.resolve("run.json");
        Files.writeString(file, "old content that is longer than the new one");
        AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("new", Files.readString(file));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count());
        }
    }
}
