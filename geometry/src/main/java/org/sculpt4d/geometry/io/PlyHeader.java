package org.sculpt4d.geometry.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a PLY file (Turk's format: {@code ply}, {@code format}, {@code element}, {@code property},
 * {@code comment}/{@code obj_info}, {@code end_header}), parsed from the start of the file's bytes.
 */
final class PlyHeader {
    /** A scalar property ({@code countType == null}) or a list property with its count and item types. */
    record Property(String name, PlyType type, PlyType countType) {
        boolean isList() {
            return countType != null;
        }
    }

    /** An element with its declared instance count and the header line that declared it. */
    record Element(String name, long count, List<Property> properties, int line) {
        int indexOf(String... names) {
            for (int i = 0; i < properties.size(); i++) {
                for (String n : names) {
                    if (properties.get(i).name.equals(n)) return i;
                }
            }
            return -1;
        }
    }

    final PlyEncoding encoding;
    final List<Element> elements;
    /** Offset of the first body byte, just after the {@code end_header} line. */
    final int bodyOffset;
    /** Line number of the {@code end_header} line (1-based); an ASCII body starts on the next line. */
    final int endLine;

    private PlyHeader(PlyEncoding encoding, List<Element> elements, int bodyOffset, int endLine) {
        this.encoding = encoding;
        this.elements = elements;
        this.bodyOffset = bodyOffset;
        this.endLine = endLine;
    }

    static PlyHeader parse(byte[] b, Path source) throws MeshFormatException {
        PlyEncoding encoding = null;
        List<Element> elements = new ArrayList<>();
        int start = 0;
        for (int line = 1; ; line++) {
            if (start >= b.length) {
                throw line == 1 ? MeshFormatException.atLine(source, 1, "empty file")
                        : MeshFormatException.atLine(source, line - 1, "the file ends before an end_header line");
            }
            int end = start;
            while (end < b.length && b[end] != '\n') end++;
            String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1).strip();
            start = end + 1;
            String[] t = text.split("\\s+");
            if (line == 1) {
                if (!text.equals("ply")) throw MeshFormatException.atLine(source, 1, "not a PLY file (no 'ply' line)");
                continue;
            }
            switch (t[0]) {
                case "format" -> {
                    encoding = t.length == 3 && t[2].startsWith("1") ? PlyEncoding.byKeyword(t[1]) : null;
                    if (encoding == null) {
                        throw MeshFormatException.atLine(source, line, "unsupported format line '" + text + "'");
                    }
                }
                case "element" -> {
                    long count = t.length == 3 ? DecimalText.parseInteger(t[2]) : -1;
                    if (count < 0 || count > Integer.MAX_VALUE) {
                        throw MeshFormatException.atLine(source, line, "bad element line '" + text + "'");
                    }
                    elements.add(new Element(t[1], count, new ArrayList<>(), line));
                }
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw MeshFormatException.atLine(source, line, "property before any element");
                    }
                    elements.get(elements.size() - 1).properties.add(property(t, text, source, line));
                }
                case "end_header" -> {
                    if (encoding == null) throw MeshFormatException.atLine(source, line, "no format line");
                    return new PlyHeader(encoding, elements, Math.min(start, b.length), line);
                }
                case "comment", "obj_info", "" -> {
                    // no content
                }
                default -> throw MeshFormatException.atLine(source, line, "unknown header line '" + text + "'");
            }
        }
    }

    private static Property property(String[] t, String text, Path source, int line) throws MeshFormatException {
        if (t.length == 5 && t[1].equals("list")) {
            PlyType count = PlyType.byName(t[2]);
            PlyType item = PlyType.byName(t[3]);
            if (count != null && count.integral && item != null) return new Property(t[4], item, count);
        } else if (t.length == 3) {
            PlyType type = PlyType.byName(t[1]);
            if (type != null) return new Property(t[2], type, null);
        }
        throw MeshFormatException.atLine(source, line, "bad property line '" + text + "'");
    }
}
