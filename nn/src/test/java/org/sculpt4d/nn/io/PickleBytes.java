package org.sculpt4d.nn.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembled pickles (opcodes of CPython's pickletools.py), for the cases torch.save never writes. */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes op(int... opcodes) {
        for (int o : opcodes) out.write(o);
        return this;
    }

    PickleBytes str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X', b.length, b.length >>> 8, b.length >>> 16, b.length >>> 24);
        out.writeBytes(b);
        return this;
    }

    PickleBytes int1(int v) {
        return op('K', v);
    }

    PickleBytes global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}, as torch.save pickles a tensor. */
    PickleBytes tensor(String storageType, String key, int numel, int offset, int[] size, int[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage").global("torch", storageType).str(key).str("cpu").int1(numel).op('t', 'Q');
        int1(offset);
        op('(');
        for (int s : size) int1(s);
        op('t', '(');
        for (int s : stride) int1(s);
        op('t', 0x89).global("collections", "OrderedDict").op(')', 'R', 't', 'R');
        return this;
    }

    /** {@code {name: tensor}} as a whole protocol-2 pickle. */
    static byte[] dictOfOneTensor(String name, String storageType, String key, int numel, int offset, int[] size, int[] stride) {
        return new PickleBytes().op(0x80, 2, '}').str(name).tensor(storageType, key, numel, offset, size, stride)
                .op('s', '.').bytes();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
