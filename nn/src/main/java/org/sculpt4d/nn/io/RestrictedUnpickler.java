package org.sculpt4d.nn.io;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code data.pkl} of a {@code torch.save} archive: a Python pickle (opcodes as documented in CPython's
 * {@code Lib/pickletools.py}; torch writes protocol 2) restricted to plain data. It builds dicts and
 * {@code collections.OrderedDict}s ({@code LinkedHashMap}), lists ({@code ArrayList}), tuples (unmodifiable
 * {@code List}), {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}, and tensors
 * ({@code torch._utils._rebuild_tensor_v2} of a storage named by a persistent id
 * {@code ('storage', torch.HalfStorage, key, location, numel)}, also wrapped in {@code _rebuild_parameter}).
 *
 * <p>Every other global is refused as soon as the pickle names it, so nothing a file asks for is ever looked up,
 * instantiated or run: a pickle that calls {@code os.system} fails with an error naming the file and the global.
 */
final class RestrictedUnpickler {
    /** A storage of a {@code torch.save} archive, record {@code data/<key>}, of {@code numel} elements. */
    record Storage(DType dtype, String key, long numel) {
    }

    /** Turns {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} into a tensor. */
    @FunctionalInterface
    interface TensorRebuilder {
        StoredTensor rebuild(Storage storage, long offset, long[] size, long[] stride) throws CheckpointFormatException;
    }

    /** The callables the pickle may name; anything else is refused. */
    private enum Callable { ORDERED_DICT, REBUILD_TENSOR_V2, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE }

    private record StorageType(String name, DType dtype) {
    }

    private static final Map<String, Object> GLOBALS = Map.ofEntries(
            Map.entry("collections.OrderedDict", Callable.ORDERED_DICT),
            Map.entry("torch._utils._rebuild_tensor_v2", Callable.REBUILD_TENSOR_V2),
            Map.entry("torch._utils._rebuild_parameter", Callable.REBUILD_PARAMETER),
            Map.entry("torch._utils._rebuild_parameter_with_state", Callable.REBUILD_PARAMETER_WITH_STATE),
            storage("DoubleStorage", DType.F64), storage("FloatStorage", DType.F32), storage("HalfStorage", DType.F16),
            storage("BFloat16Storage", DType.BF16), storage("LongStorage", DType.I64), storage("IntStorage", DType.I32),
            storage("ShortStorage", DType.I16), storage("CharStorage", DType.I8), storage("ByteStorage", DType.U8),
            storage("BoolStorage", DType.BOOL));

    private static Map.Entry<String, Object> storage(String name, DType dtype) {
        return Map.entry("torch." + name, new StorageType("torch." + name, dtype));
    }

    // opcodes (pickletools.py)
    private static final int PROTO = 0x80, FRAME = 0x95, STOP = '.', NONE = 'N', NEWTRUE = 0x88, NEWFALSE = 0x89,
            BININT = 'J', BININT1 = 'K', BININT2 = 'M', LONG1 = 0x8a, BINFLOAT = 'G', BINUNICODE = 'X',
            SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, EMPTY_DICT = '}', EMPTY_LIST = ']', EMPTY_TUPLE = ')',
            MARK = '(', TUPLE = 't', TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87, SETITEM = 's', SETITEMS = 'u',
            APPEND = 'a', APPENDS = 'e', BINPUT = 'q', LONG_BINPUT = 'r', MEMOIZE = 0x94, BINGET = 'h',
            LONG_BINGET = 'j', GLOBAL = 'c', STACK_GLOBAL = 0x93, REDUCE = 'R', NEWOBJ = 0x81, BUILD = 'b',
            BINPERSID = 'Q';

    private final String file;
    private final String record;
    private final ByteBuffer in;
    private final TensorRebuilder rebuilder;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<String, Storage> storages = new HashMap<>();
    private int at;

    /** {@code record} names the pickle inside {@code file} for error messages. */
    RestrictedUnpickler(String file, String record, ByteBuffer pickle, TensorRebuilder rebuilder) {
        this.file = file;
        this.record = record;
        this.in = pickle.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.rebuilder = rebuilder;
    }

    /** The object the pickle describes. */
    Object load() throws CheckpointFormatException {
        try {
            while (true) {
                at = in.position();
                int op = in.get() & 0xFF;
                switch (op) {
                    case PROTO -> {
                        int version = u8();
                        if (version > 5) throw fail("pickle protocol " + version + " is not supported");
                    }
                    case FRAME -> in.getLong();
                    case STOP -> {
                        Object result = pop();
                        if (!stack.isEmpty() || !marks.isEmpty()) throw fail("STOP with objects left on the stack");
                        return result;
                    }
                    case NONE -> push(null);
                    case NEWTRUE -> push(Boolean.TRUE);
                    case NEWFALSE -> push(Boolean.FALSE);
                    case BININT -> push((long) in.getInt());
                    case BININT1 -> push((long) u8());
                    case BININT2 -> push((long) (in.getShort() & 0xFFFF));
                    case LONG1 -> push(long1());
                    case BINFLOAT -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // big-endian
                    case BINUNICODE -> push(text(in.getInt() & 0xFFFFFFFFL));
                    case SHORT_BINUNICODE -> push(text(u8()));
                    case BINUNICODE8 -> push(text(in.getLong()));
                    case EMPTY_DICT -> push(new LinkedHashMap<>());
                    case EMPTY_LIST -> push(new ArrayList<>());
                    case EMPTY_TUPLE -> push(tuple(List.of()));
                    case TUPLE1, TUPLE2, TUPLE3 -> push(tuple(popN(op - TUPLE1 + 1)));
                    case MARK -> marks.push(stack.size());
                    case TUPLE -> push(tuple(popMark()));
                    case SETITEM -> {
                        List<Object> kv = popN(2);
                        dict(peek()).put(kv.get(0), kv.get(1));
                    }
                    case SETITEMS -> {
                        List<Object> kv = popMark();
                        if (kv.size() % 2 != 0) throw fail("SETITEMS with an odd number of items");
                        Map<Object, Object> d = dict(peek());
                        for (int i = 0; i < kv.size(); i += 2) d.put(kv.get(i), kv.get(i + 1));
                    }
                    case APPEND -> {
                        Object v = pop();
                        list(peek()).add(v);
                    }
                    case APPENDS -> {
                        List<Object> items = popMark();
                        list(peek()).addAll(items);
                    }
                    case BINPUT -> memo.put((long) u8(), peek());
                    case LONG_BINPUT -> memo.put(in.getInt() & 0xFFFFFFFFL, peek());
                    case MEMOIZE -> memo.put((long) memo.size(), peek());
                    case BINGET -> push(memoGet(u8()));
                    case LONG_BINGET -> push(memoGet(in.getInt() & 0xFFFFFFFFL));
                    case GLOBAL -> {
                        String module = line();
                        push(global(module, line()));
                    }
                    case STACK_GLOBAL -> {
                        String name = string(pop());
                        push(global(string(pop()), name));
                    }
                    case REDUCE, NEWOBJ -> {
                        List<Object> args = tupleArg(pop());
                        push(call(pop(), args));
                    }
                    case BUILD -> {
                        Object state = pop();
                        // a state dict's OrderedDict carries its attributes (`_metadata`) as BUILD state: not items
                        if (!(peek() instanceof Map) || !(state instanceof Map)) {
                            throw fail("BUILD of " + pythonType(peek()) + " with " + pythonType(state)
                                    + " state is not supported");
                        }
                    }
                    case BINPERSID -> push(persistentLoad(pop()));
                    default -> throw fail(String.format("unsupported pickle opcode 0x%02x", op));
                }
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw fail("truncated pickle: it ends inside an opcode");
        }
    }

    private Object global(String module, String name) throws CheckpointFormatException {
        String qualified = module + "." + name;
        Object g = GLOBALS.get(qualified);
        if (g != null) return g;
        if (module.equals("torch") && name.endsWith("Storage")) throw fail("unsupported storage type " + qualified);
        throw fail("refused global " + qualified + ": only dicts, lists, tuples, strings, numbers and tensors are "
                + "loaded, never arbitrary Python objects (is this a plain state dict?)");
    }

    private Object call(Object callable, List<Object> args) throws CheckpointFormatException {
        if (!(callable instanceof Callable c)) throw fail("cannot call " + pythonType(callable));
        switch (c) {
            case ORDERED_DICT -> {
                if (!args.isEmpty()) throw fail("collections.OrderedDict called with arguments");
                return new LinkedHashMap<>();
            }
            case REBUILD_TENSOR_V2 -> {
                // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
                if (args.size() != 6 && args.size() != 7 || !(args.get(0) instanceof Storage s)
                        || !(args.get(1) instanceof Long offset)) {
                    throw fail("malformed _rebuild_tensor_v2 arguments " + describe(args));
                }
                return rebuilder.rebuild(s, offset, longs(args.get(2), args), longs(args.get(3), args));
            }
            default -> {
                // _rebuild_parameter(data, requires_grad, backward_hooks[, state]): the parameter is its data
                int n = c == Callable.REBUILD_PARAMETER ? 3 : 4;
                if (args.size() != n || !(args.get(0) instanceof StoredTensor t)) {
                    throw fail("malformed " + c.name().toLowerCase() + " arguments " + describe(args));
                }
                return t;
            }
        }
    }

    private Storage persistentLoad(Object pid) throws CheckpointFormatException {
        // ('storage', storage_type, key, location, numel), torch/serialization.py persistent_id
        if (!(pid instanceof List<?> t) || t.size() != 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof StorageType type) || !(t.get(2) instanceof String key)
                || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw fail("unsupported persistent id " + describe(pid));
        }
        Storage s = storages.computeIfAbsent(key, k -> new Storage(type.dtype, k, numel));
        if (s.dtype != type.dtype || s.numel != numel) {
            throw fail("storage " + key + " is used both as " + s.numel + " " + s.dtype + " and as " + numel + " "
                    + type.dtype);
        }
        return s;
    }

    private long[] longs(Object tuple, List<Object> args) throws CheckpointFormatException {
        if (!(tuple instanceof List<?> l)) throw fail("malformed _rebuild_tensor_v2 arguments " + describe(args));
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Long v)) throw fail("malformed _rebuild_tensor_v2 arguments " + describe(args));
            out[i] = v;
        }
        return out;
    }

    private long long1() throws CheckpointFormatException {
        int n = u8();
        if (n > 8) throw fail("integer of " + n + " bytes does not fit in 64 bits");
        long v = 0;
        for (int i = 0; i < n; i++) v |= (in.get() & 0xFFL) << (8 * i);
        if (n > 0 && n < 8) v = v << (64 - 8 * n) >> (64 - 8 * n); // sign-extend two's complement
        return v;
    }

    private String text(long length) throws CheckpointFormatException {
        if (length < 0 || length > in.remaining()) {
            throw fail("truncated pickle: a string of " + length + " bytes runs past its end");
        }
        byte[] b = new byte[(int) length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private String line() throws CheckpointFormatException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.get() & 0xFF) != '\n'; ) {
            if (sb.length() > 1000) throw fail("GLOBAL name longer than 1000 bytes");
            sb.append((char) c);
        }
        return sb.toString();
    }

    private int u8() {
        return in.get() & 0xFF;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() throws CheckpointFormatException {
        if (stack.size() <= (marks.isEmpty() ? 0 : marks.peek())) throw fail("malformed pickle: stack underflow");
        return stack.remove(stack.size() - 1);
    }

    private Object peek() throws CheckpointFormatException {
        if (stack.isEmpty()) throw fail("malformed pickle: stack underflow");
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) throws CheckpointFormatException {
        if (stack.size() - n < (marks.isEmpty() ? 0 : marks.peek())) throw fail("malformed pickle: stack underflow");
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> out = new ArrayList<>(top);
        top.clear();
        return out;
    }

    private List<Object> popMark() throws CheckpointFormatException {
        if (marks.isEmpty()) throw fail("malformed pickle: no MARK");
        int mark = marks.peek();
        List<Object> top = stack.subList(mark, stack.size());
        List<Object> out = new ArrayList<>(top);
        top.clear();
        marks.pop();
        return out;
    }

    private Object memoGet(long index) throws CheckpointFormatException {
        if (!memo.containsKey(index)) throw fail("malformed pickle: memo entry " + index + " was never stored");
        return memo.get(index);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws CheckpointFormatException {
        if (!(o instanceof Map)) throw fail("setting items on " + pythonType(o));
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws CheckpointFormatException {
        if (!(o instanceof ArrayList)) throw fail("appending to " + pythonType(o));
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> tupleArg(Object o) throws CheckpointFormatException {
        if (!(o instanceof List) || o instanceof ArrayList) {
            throw fail("call arguments are " + pythonType(o) + ", not a tuple");
        }
        return (List<Object>) o;
    }

    private String string(Object o) throws CheckpointFormatException {
        if (!(o instanceof String s)) throw fail("STACK_GLOBAL of " + pythonType(o) + ", not a string");
        return s;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    private static String pythonType(Object o) {
        if (o == null) return "None";
        if (o instanceof Callable c) return "a function (" + c + ")";
        if (o instanceof StorageType t) return t.name;
        if (o instanceof Map) return "a dict";
        if (o instanceof ArrayList) return "a list";
        if (o instanceof List) return "a tuple";
        if (o instanceof StoredTensor) return "a tensor";
        if (o instanceof Storage) return "a storage";
        if (o instanceof String) return "a str";
        if (o instanceof Long) return "an int";
        if (o instanceof Double) return "a float";
        if (o instanceof Boolean) return "a bool";
        return "a " + o.getClass().getSimpleName();
    }

    private static String describe(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private CheckpointFormatException fail(String problem) {
        return new CheckpointFormatException(file, record + " at byte " + at + ": " + problem);
    }
}
