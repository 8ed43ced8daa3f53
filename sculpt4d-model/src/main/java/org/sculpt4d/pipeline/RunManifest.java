package org.sculpt4d.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.sculpt4d.geometry.io.AtomicFile;

/**
 * {@code run.json}: what a run was asked to do and what it cost, so that it can be reproduced and audited: the
 * arguments, seed, the weights' SHA-256, the versions (sculpt4d, Java, backend), the wall time of each stage, and
 * any figures a stage reports (FLOPs from the accountant, the mask's density). Written atomically.
 */
public final class RunManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();
    private final ObjectNode arguments = root.putObject("arguments");
    private final ObjectNode stages = root.putObject("stage_seconds");
    private final ObjectNode figures = root.putObject("figures");

    public RunManifest(String command, Map<String, String> versions) {
        root.put("command", command);
        ObjectNode v = root.putObject("versions");
        versions.forEach(v::put);
        v.put("java", System.getProperty("java.version"));
    }

    public RunManifest argument(String name, Object value) {
        arguments.putPOJO(name, value);
        return this;
    }

    /** Records the weights file and its SHA-256. */
    public RunManifest weights(Path file) throws IOException {
        ObjectNode w = root.putObject("weights");
        w.put("path", file.toString());
        w.put("sha256", sha256(file));
        w.put("bytes", Files.size(file));
        return this;
    }

    /** Adds the wall time of a stage (summed if the stage runs more than once, e.g. once per frame). */
    public RunManifest stage(String name, double seconds) {
        stages.put(name, stages.path(name).asDouble(0) + seconds);
        return this;
    }

    public RunManifest figure(String name, double value) {
        figures.put(name, value);
        return this;
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(root);
    }

    public void write(Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(root);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /** The SHA-256 of a file's bytes, as lowercase hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
