package org.sculpt4d.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sculpt4d.nn.io.SafeTensorsWriter;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;

/** Golden bundles written from Java, for tests of the reader and of golden-check. */
public final class TestBundles {
    private static final JsonMapper JSON = new JsonMapper();

    private TestBundles() {
    }

    /** The standard metadata of a bundle of {@code module} with {@code config}. */
    public static Map<String, String> metadata(String module, Map<String, ?> config) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", GoldenBundle.FORMAT);
        m.put("module", module);
        try {
            m.put("config", JSON.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        m.put("producer", "sculpt4d-java tests");
        return m;
    }

    public static Path write(Path file, Map<String, String> metadata, Map<String, StoredTensor> tensors) throws IOException {
        SafeTensorsWriter.write(file, tensors, metadata);
        return file;
    }

    /**
     * An {@code fps} bundle with a worked answer: five points on a line, start 0, count 3 → 0, then the far end 4,
     * then the point nearest the middle (2).
     */
    public static Map<String, StoredTensor> fpsTensors() {
        Map<String, StoredTensor> t = new LinkedHashMap<>();
        t.put("input.points", StoredTensor.of(Tensor.wrap(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0}, 1, 5, 3)));
        t.put("input.start", StoredTensor.ofLongs(new long[] {0}, 1));
        t.put("output.index", StoredTensor.ofLongs(new long[] {0, 4, 2}, 1, 3));
        return t;
    }

    public static Path fps(Path file) throws IOException {
        return write(file, metadata("fps", Map.of("count", 3)), fpsTensors());
    }
}
