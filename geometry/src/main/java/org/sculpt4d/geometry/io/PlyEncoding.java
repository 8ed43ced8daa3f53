package org.sculpt4d.geometry.io;

import java.nio.ByteOrder;

/** The three body encodings of the PLY format, by their {@code format} header keyword. */
public enum PlyEncoding {
    ASCII("ascii", null),
    BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
    BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

    private final String keyword;
    private final ByteOrder order;

    PlyEncoding(String keyword, ByteOrder order) {
        this.keyword = keyword;
        this.order = order;
    }

    /** The word after {@code format} in the header. */
    public String keyword() {
        return keyword;
    }

    /** The byte order of a binary encoding; null for ASCII. */
    ByteOrder order() {
        return order;
    }

    /** The encoding named by a header keyword, or null. */
    static PlyEncoding byKeyword(String keyword) {
        for (PlyEncoding e : values()) {
            if (e.keyword.equals(keyword)) return e;
        }
        return null;
    }
}
