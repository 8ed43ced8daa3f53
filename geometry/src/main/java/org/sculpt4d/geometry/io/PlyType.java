package org.sculpt4d.geometry.io;

/** The scalar types of PLY properties, under both their classic and their sized names. */
enum PlyType {
    INT8(1, true, "char", "int8"),
    UINT8(1, true, "uchar", "uint8"),
    INT16(2, true, "short", "int16"),
    UINT16(2, true, "ushort", "uint16"),
    INT32(4, true, "int", "int32"),
    UINT32(4, true, "uint", "uint32"),
    FLOAT32(4, false, "float", "float32"),
    FLOAT64(8, false, "double", "float64");

    final int bytes;
    final boolean integral;
    private final String name;
    private final String sizedName;

    PlyType(int bytes, boolean integral, String name, String sizedName) {
        this.bytes = bytes;
        this.integral = integral;
        this.name = name;
        this.sizedName = sizedName;
    }

    /** The largest value of an unsigned integer type, by which colours of that type are divided. */
    double unsignedMax() {
        return switch (this) {
            case UINT8 -> 255;
            case UINT16 -> 65535;
            case UINT32 -> 4294967295.0;
            default -> 1;
        };
    }

    /** Whether an integer {@code v} can be stored in this type. */
    boolean holds(long v) {
        return switch (this) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xff;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xffff;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xffffffffL;
            default -> true;
        };
    }

    /** The header name this project writes. */
    String headerName() {
        return name;
    }

    static PlyType byName(String s) {
        for (PlyType t : values()) {
            if (t.name.equals(s) || t.sizedName.equals(s)) return t;
        }
        return null;
    }
}
