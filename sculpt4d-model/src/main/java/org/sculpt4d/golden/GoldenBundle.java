package org.sculpt4d.golden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.nn.io.CheckpointFormatException;
import org.sculpt4d.nn.io.DType;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.StoredTensor;
import org.sculpt4d.tensor.Tensor;

/**
 * One golden bundle (shared/spec/golden-format.md): a safetensors file whose {@code __metadata__} names the
 * {@code format} ({@value #FORMAT}), the {@code module}, its {@code config} (a JSON object) and optionally
 * {@code rtol}/{@code atol} (default {@value #DEFAULT_RTOL} / {@value #DEFAULT_ATOL}: float32 against a float32
 * reference) and {@code producer}; its tensors are {@code weight.<upstream key>} (F32, F16 or BF16),
 * {@code input.<name>} and {@code output.<name>} (F32 or I64). Everything is validated on opening; tensors are read
 * when asked for. The bundle records which inputs and whether the weights were read, so that
 * {@link #requireAllUsed} can name the ones a module ignored.
 */
public final class GoldenBundle implements Closeable {
    public static final String FORMAT = "sculpt4d-golden/1";
    public static final double DEFAULT_RTOL = 1e-4;
    public static final double DEFAULT_ATOL = 1e-5;
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Path path;
    private final SafeTensorsFile file;
    private final String module;
    private final Map<String, Object> config;
    private final double rtol;
    private final double atol;
    private final Map<String, StoredTensor> weights = new LinkedHashMap<>();
    private final Map<String, StoredTensor> inputs = new LinkedHashMap<>();
    private final Map<String, StoredTensor> outputs = new LinkedHashMap<>();
    private final Set<String> inputsRead = new HashSet<>();
    private boolean weightsRead;

    private GoldenBundle(Path path, SafeTensorsFile file) throws GoldenBundleException {
        this.path = path;
        this.file = file;
        Map<String, String> meta = file.metadata();
        String format = meta.get("format");
        if (format == null) throw problem("no 'format' in __metadata__: not a golden bundle");
        if (!format.equals(FORMAT)) {
            throw problem("format '" + format + "' is not supported (this reader reads " + FORMAT + ")");
        }
        module = meta.get("module");
        if (module == null || module.isBlank()) throw problem("no 'module' in __metadata__");
        config = parseConfig(meta.get("config"));
        rtol = tolerance(meta, "rtol", DEFAULT_RTOL);
        atol = tolerance(meta, "atol", DEFAULT_ATOL);
        for (Map.Entry<String, StoredTensor> e : file.stateDict().tensors().entrySet()) sort(e.getKey(), e.getValue());
    }

    /** Opens and validates {@code path}; every problem is a {@link GoldenBundleException} or a one-line IOException. */
    public static GoldenBundle open(Path path) throws IOException {
        if (!Files.exists(path)) throw new GoldenBundleException(path, "no such file");
        if (!Files.isRegularFile(path)) throw new GoldenBundleException(path, "not a file");
        SafeTensorsFile file;
        try {
            file = SafeTensorsFile.open(path);
        } catch (CheckpointFormatException e) {
            throw e; // names the file and the problem
        } catch (IOException e) {
            throw new GoldenBundleException(path, "cannot be read: " + e, e);
        }
        try {
            return new GoldenBundle(path, file);
        } catch (GoldenBundleException e) {
            file.close();
            throw e;
        }
    }

    private Map<String, Object> parseConfig(String json) throws GoldenBundleException {
        if (json == null) throw problem("no 'config' in __metadata__");
        try {
            Object parsed = JSON.readValue(json, Object.class);
            if (!(parsed instanceof Map<?, ?> m)) throw problem("config is not a JSON object: " + json);
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return Collections.unmodifiableMap(map);
        } catch (JsonProcessingException e) {
            throw problem("config is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private double tolerance(Map<String, String> meta, String key, double fallback) throws GoldenBundleException {
        String v = meta.get(key);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw problem(key + " '" + v + "' is not a non-negative number");
    }

    private void sort(String name, StoredTensor t) throws GoldenBundleException {
        int dot = name.indexOf('.');
        String group = dot < 0 ? "" : name.substring(0, dot), key = name.substring(dot + 1);
        if (dot < 0 || key.isEmpty() || !Set.of("weight", "input", "output").contains(group)) {
            throw problem("tensor '" + name + "' is not named weight.*, input.* or output.*");
        }
        boolean ok = group.equals("weight") ? t.dtype().isFloatingPoint() && t.dtype() != DType.F64
                : t.dtype() == DType.F32 || t.dtype() == DType.I64;
        if (!ok) {
            throw problem("tensor '" + name + "' is " + t.dtype() + "; a " + group + " must be "
                    + (group.equals("weight") ? "F32, F16 or BF16" : "F32 or I64"));
        }
        (group.equals("weight") ? weights : group.equals("input") ? inputs : outputs).put(key, t);
    }

    public Path path() {
        return path;
    }

    public String module() {
        return module;
    }

    /** The module's constructor arguments, as parsed from JSON (numbers, booleans, strings, lists, maps). */
    public Map<String, Object> config() {
        return config;
    }

    public double rtol() {
        return rtol;
    }

    public double atol() {
        return atol;
    }

    /** The {@code weight.*} tensors under their upstream keys. */
    public Weights weights() {
        weightsRead = true;
        return new Weights() {
            @Override
            public String source() {
                return path.toString();
            }

            @Override
            public Set<String> keys() {
                return weights.keySet();
            }

            @Override
            public int[] shape(String key) {
                return weights.get(key).shape();
            }

            @Override
            public Tensor load(String key) {
                try {
                    return weights.get(key).toFloat();
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }

    /** The F32 input {@code name}, whose shape must match {@code expected} (−1: any size). */
    public Tensor floats(String name, int... expected) throws IOException {
        return input(name, DType.F32, expected).toFloat();
    }

    /** The I64 input {@code name}, row-major, whose shape must match {@code expected} (−1: any size). */
    public int[] ints(String name, int... expected) throws IOException {
        return input(name, DType.I64, expected).toInts();
    }

    /** The I64 input {@code name} of shape {@code [batch, n]}, one row of indices per batch item. */
    public int[][] indexRows(String name, int batch) throws IOException {
        int[] flat = ints(name, batch, -1);
        int n = batch == 0 ? 0 : flat.length / batch;
        int[][] rows = new int[batch][];
        for (int b = 0; b < batch; b++) rows[b] = Arrays.copyOfRange(flat, b * n, (b + 1) * n);
        return rows;
    }

    /** The shape of input {@code name}, read after {@link #floats} or {@link #ints} checked it. */
    public int[] inputShape(String name) throws GoldenBundleException {
        StoredTensor t = inputs.get(name);
        if (t == null) throw problem("module " + module + " needs input." + name + ", which the bundle lacks");
        return t.shape();
    }

    private StoredTensor input(String name, DType dtype, int... expected) throws GoldenBundleException {
        StoredTensor t = inputs.get(name);
        if (t == null) throw problem("module " + module + " needs input." + name + ", which the bundle lacks");
        if (t.dtype() != dtype) throw problem("input." + name + " is " + t.dtype() + ", expected " + dtype);
        int[] shape = t.shape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) ok = expected[i] < 0 || expected[i] == shape[i];
        if (!ok) {
            throw problem("input." + name + " has shape " + Arrays.toString(shape) + ", expected "
                    + Arrays.toString(expected).replace("-1", "*"));
        }
        inputsRead.add(name);
        return t;
    }

    /** The expected outputs, by name. */
    public Map<String, StoredTensor> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    /** After a run: names the inputs the module did not read and the weights of a module that takes none. */
    void requireAllUsed() throws GoldenBundleException {
        Set<String> unused = new TreeSet<>(inputs.keySet());
        unused.removeAll(inputsRead);
        if (!unused.isEmpty()) throw problem("module " + module + " has no input(s) " + unused);
        if (!weightsRead && !weights.isEmpty()) {
            throw problem("module " + module + " takes no weights, but the bundle has " + weights.size() + ": "
                    + new TreeSet<>(weights.keySet()));
        }
    }

    GoldenBundleException problem(String what) {
        return new GoldenBundleException(path, what);
    }

    GoldenBundleException problem(String what, Throwable cause) {
        return new GoldenBundleException(path, what, cause);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
