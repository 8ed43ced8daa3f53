package org.sculpt4d.nn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Tensor;

/**
 * The tensors of a checkpoint by flat dotted name ({@code blocks.0.attn1.to_q.weight}), as PyTorch's
 * {@code state_dict()} names them. Shapes and dtypes are known without reading any data; {@link #load} reads one
 * tensor and widens it to float32. A nested checkpoint such as the official {@code model.fp16.ckpt}
 * ({@code {"model": {...}, "vae": {...}, "conditioner": {...}}}) is flattened to {@code model.*}, {@code vae.*}, ...
 * and {@link #select} gives back one part with the prefix removed.
 */
public final class StateDict implements Weights {
    private final String source;
    private final Map<String, StoredTensor> tensors;

    /** {@code tensors} in file order; the map is copied. */
    StateDict(String source, Map<String, StoredTensor> tensors) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    @Override
    public String source() {
        return source;
    }

    /** The names, in file order. */
    @Override
    public Set<String> keys() {
        return tensors.keySet();
    }

    /** All tensors by name, in file order. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    public int size() {
        return tensors.size();
    }

    /** The tensor {@code key}, not yet read. */
    public StoredTensor get(String key) {
        StoredTensor t = tensors.get(key);
        if (t == null) throw new IllegalArgumentException(source + ": no tensor named " + key);
        return t;
    }

    @Override
    public int[] shape(String key) {
        return get(key).shape();
    }

    /** Reads {@code key} as float32; a read or format failure is rethrown unchecked, its message naming the file. */
    @Override
    public Tensor load(String key) {
        try {
            return get(key).toFloat();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Total number of elements over all tensors (the parameter count of a weights file), from shapes alone. */
    public long parameterCount() {
        long n = 0;
        for (StoredTensor t : tensors.values()) n += t.numel();
        return n;
    }

    /**
     * The tensors named {@code prefix.*}, with {@code prefix.} removed: {@code select("vae")} of the DiT checkpoint
     * is the VAE state dict. Throws when there are none, listing the prefixes there are.
     */
    public StateDict select(String prefix) {
        String p = prefix + ".";
        Map<String, StoredTensor> sub = new LinkedHashMap<>();
        for (Map.Entry<String, StoredTensor> e : tensors.entrySet()) {
            if (e.getKey().startsWith(p)) sub.put(e.getKey().substring(p.length()), e.getValue());
        }
        if (sub.isEmpty()) {
            Set<String> top = new TreeSet<>();
            for (String k : tensors.keySet()) top.add(k.contains(".") ? k.substring(0, k.indexOf('.')) : k);
            throw new IllegalArgumentException(source + ": no tensors under '" + p + "'; the top-level names are "
                    + top.stream().limit(20).collect(Collectors.joining(", ")) + (top.size() > 20 ? ", ..." : ""));
        }
        return new StateDict(source + " [" + prefix + "]", sub);
    }

    /**
     * The entry {@code prefix} of a combined checkpoint ({@link #select}) when this state dict has keys under
     * {@code prefix.}, otherwise the whole state dict (a file holding that model's state dict alone).
     */
    public StateDict entryOrAll(String prefix) {
        String p = prefix + ".";
        return tensors.keySet().stream().anyMatch(k -> k.startsWith(p)) ? select(prefix) : this;
    }
}
