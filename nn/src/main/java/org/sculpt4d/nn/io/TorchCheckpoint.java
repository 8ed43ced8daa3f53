package org.sculpt4d.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint written by {@code torch.save} (PyTorch 1.6+ zip format, {@code torch/serialization.py}): a zip
 * archive whose records lie under one top-level folder, {@code <archive>/data.pkl} (the pickled object),
 * {@code <archive>/data/<key>} (one record per storage, raw elements in {@code <archive>/byteorder} order,
 * little-endian when that record is absent) and {@code <archive>/version}.
 *
 * <p>Opening reads the zip directory and unpickles {@code data.pkl} with the {@link RestrictedUnpickler}, which
 * checks every tensor against its storage (offset, size and stride inside it); tensor data is memory-mapped only
 * when read, one tensor at a time, so a 7 GB checkpoint opens in milliseconds and converts in constant heap. Tensors
 * may be non-contiguous views of a storage, and several may share one.
 */
public final class TorchCheckpoint implements Checkpoint {
    /** Deeper nesting than this is taken for a cyclic or hostile structure. */
    private static final int MAX_DEPTH = 64;

    private final Path file;
    private final FileChannel channel;
    private final ZipArchive zip;
    private final String archive;
    private final boolean bigEndian;
    private Object root;
    private StateDict stateDict;

    private TorchCheckpoint(Path file, FileChannel channel, ZipArchive zip, String archive, boolean bigEndian) {
        this.file = file;
        this.channel = channel;
        this.zip = zip;
        this.archive = archive;
        this.bigEndian = bigEndian;
    }

    /** Opens and unpickles {@code file}; throws {@link CheckpointFormatException} when it is not a valid checkpoint. */
    public static TorchCheckpoint open(Path file) throws IOException {
        return ChannelReader.open(file, TorchCheckpoint::read);
    }

    private static TorchCheckpoint read(Path file, FileChannel ch) throws IOException {
        String name = file.toString();
        ZipArchive zip = ZipArchive.read(name, ch);
        ZipArchive.Entry pickle = null;
        for (ZipArchive.Entry e : zip.entries().values()) {
            if (e.name().endsWith("/data.pkl") && e.name().indexOf('/') == e.name().length() - "/data.pkl".length()) {
                if (pickle != null) {
                    throw new CheckpointFormatException(name, "two data.pkl records: " + pickle.name() + " and "
                            + e.name());
                }
                pickle = e;
            }
        }
        if (pickle == null) {
            throw new CheckpointFormatException(name, "a zip archive without <archive>/data.pkl: not a torch.save checkpoint");
        }
        String archive = pickle.name().substring(0, pickle.name().length() - "/data.pkl".length());
        ZipArchive.Entry order = zip.entries().get(archive + "/byteorder");
        String byteOrder = order == null ? "little"
                : StandardCharsets.US_ASCII.decode(zip.read(order, 0, order.size())).toString().trim();
        if (!byteOrder.equals("little") && !byteOrder.equals("big")) {
            throw new CheckpointFormatException(name, archive + "/byteorder says '" + byteOrder
                    + "', not little or big");
        }
        TorchCheckpoint c = new TorchCheckpoint(file, ch, zip, archive, byteOrder.equals("big"));
        c.root = new RestrictedUnpickler(name, pickle.name(), zip.read(pickle, 0, pickle.size()), c::view).load();
        Map<String, StoredTensor> flat = new LinkedHashMap<>();
        flatten(name, "", c.root, flat, 0);
        c.stateDict = new StateDict(name, flat);
        return c;
    }

    /** The tensor {@code _rebuild_tensor_v2} describes: elements {@code offset + Σ index[i]·stride[i]} of a storage. */
    private StoredTensor view(RestrictedUnpickler.Storage s, long offset, long[] size, long[] stride)
            throws CheckpointFormatException {
        String name = file.toString();
        String what = "storage " + s.key() + ": ";
        ZipArchive.Entry entry = zip.entries().get(archive + "/data/" + s.key());
        if (entry == null) {
            throw new CheckpointFormatException(name, what + "no record " + archive + "/data/" + s.key());
        }
        int es = s.dtype().size();
        if (s.numel() > entry.size() / es) {
            throw new CheckpointFormatException(name, "truncated: " + what + "record " + entry.name() + " has "
                    + entry.size()
                    + " bytes, too few for " + s.numel() + " " + s.dtype() + " elements");
        }
        if (size.length != stride.length || offset < 0) {
            throw new CheckpointFormatException(name, what + "malformed view: offset " + offset + ", " + size.length
                    + " sizes, " + stride.length + " strides");
        }
        String view = "a view (offset " + offset + ", size " + Arrays.toString(size) + ", stride "
                + Arrays.toString(stride) + ")";
        int[] shape = new int[size.length];
        long numel = 1, last = offset; // last: the highest element the view reaches
        boolean contiguous = true;
        try {
            for (int i = size.length - 1; i >= 0; i--) {
                if (size[i] < 0 || size[i] > Integer.MAX_VALUE || stride[i] < 0) {
                    throw new CheckpointFormatException(name, what + view
                            + " with a negative or too large size or stride");
                }
                shape[i] = (int) size[i];
                if (size[i] != 1 && stride[i] != numel) contiguous = false; // row-major: stride = product of later sizes
                numel = Math.multiplyExact(numel, size[i]);
                last = Math.addExact(last, Math.multiplyExact(size[i] - 1, stride[i]));
            }
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(name, what + view + " overflows 64 bits");
        }
        if (numel > 0 && last >= s.numel()) {
            throw new CheckpointFormatException(name, what + view + " reaches element " + last
                    + " of a storage of " + s.numel());
        }
        long count = numel, span = numel == 0 ? 0 : last - offset + 1;
        boolean direct = contiguous && !bigEndian || numel == 0;
        return new StoredTensor(name, "in storage " + s.key(), s.dtype(), shape, () -> {
            if (direct) return zip.read(entry, offset * es, count * es);
            if (span * es > Integer.MAX_VALUE - 8) {
                throw new CheckpointFormatException(name, what + "a view spanning over 2 GiB");
            }
            return gather(zip.read(entry, offset * es, span * es), shape, stride, es, bigEndian);
        });
    }

    /** Copies a strided view into contiguous little-endian bytes. */
    private static ByteBuffer gather(ByteBuffer src, int[] shape, long[] stride, int es, boolean swap) {
        int rank = shape.length;
        long n = 1;
        for (int d : shape) n *= d;
        byte[] out = new byte[(int) (n * es)];
        int inner = rank == 0 ? 1 : shape[rank - 1];
        long innerStride = rank == 0 ? 1 : stride[rank - 1];
        int[] index = new int[Math.max(rank - 1, 0)];
        for (int o = 0; o < out.length; ) {
            long base = 0;
            for (int i = 0; i < index.length; i++) base += index[i] * stride[i];
            if (innerStride == 1) {
                src.get((int) (base * es), out, o, inner * es);
                o += inner * es;
            } else {
                for (int j = 0; j < inner; j++, o += es) src.get((int) ((base + j * innerStride) * es), out, o, es);
            }
            for (int i = index.length - 1; i >= 0 && ++index[i] == shape[i]; i--) index[i] = 0;
        }
        if (swap) {
            for (int o = 0; o < out.length; o += es) {
                for (int a = o, b = o + es - 1; a < b; a++, b--) {
                    byte t = out[a];
                    out[a] = out[b];
                    out[b] = t;
                }
            }
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public Path file() {
        return file;
    }

    /**
     * The unpickled object as it was saved: {@code Map} (dict, OrderedDict; keys as saved), {@code List} (list; a
     * tuple is an unmodifiable list), {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}, and
     * {@link StoredTensor} leaves.
     */
    public Object root() {
        return root;
    }

    /**
     * Every tensor of {@link #root()} by dotted path: nested dicts are joined with '.' ({@code model.blocks.0...}),
     * list items by index; other values (numbers, strings) are not tensors and are left out.
     */
    @Override
    public StateDict stateDict() {
        return stateDict;
    }

    private static void flatten(String file, String path, Object node, Map<String, StoredTensor> out, int depth)
            throws CheckpointFormatException {
        if (depth > MAX_DEPTH) {
            throw new CheckpointFormatException(file, "nested more than " + MAX_DEPTH + " levels deep at " + path);
        }
        if (node instanceof StoredTensor t) {
            if (out.put(path, t.named(path)) != null) {
                throw new CheckpointFormatException(file, "two tensors are both called " + path
                        + " once nested names are joined with '.'");
            }
        } else if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String || e.getKey() instanceof Long)) {
                    throw new CheckpointFormatException(file, "a dict key at '" + path
                            + "' is neither a string nor an int: " + e.getKey());
                }
                flatten(file, join(path, e.getKey().toString()), e.getValue(), out, depth + 1);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) flatten(file, join(path, Integer.toString(i)), l.get(i), out, depth + 1);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
