package org.sculpt4d.nn.io;

import java.util.Arrays;

/**
 * Element types of stored tensors, named as the safetensors format names them
 * (https://github.com/huggingface/safetensors, {@code Dtype}); {@code torch.save} storages map onto the same set.
 */
public enum DType {
    F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int size;

    DType(int size) {
        this.size = size;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return this == F64 || this == F32 || this == F16 || this == BF16;
    }

    /** The dtype a safetensors header calls {@code name}, or null when this reader does not support it. */
    static DType fromSafetensorsName(String name) {
        for (DType d : values()) if (d.name().equals(name)) return d;
        return null;
    }

    static String supportedNames() {
        return Arrays.toString(values());
    }
}
