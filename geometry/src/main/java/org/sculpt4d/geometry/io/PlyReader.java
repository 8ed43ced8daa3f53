package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.TriangleMesh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads PLY meshes in all three encodings ({@link PlyEncoding}). From the {@code vertex} element it takes {@code x y z}
 * (required), {@code nx ny nz}, colours {@code red green blue} or {@code diffuse_red …} (integer types divided by the
 * type's maximum, floats taken as they are; alpha ignored) and texture coordinates {@code s t}, {@code u v},
 * {@code texture_u texture_v} or {@code texture_s texture_t}; an attribute is kept only when all its components are
 * present. From the {@code face} element it takes the list {@code vertex_indices} (or {@code vertex_index}), any
 * integer count and index types, and fan-triangulates polygons (c0, ci, ci+1). Every other property and element is
 * read past. PLY has no per-corner normals or texture coordinates, so the file's vertices are the mesh's vertices.
 *
 * <p>Errors name the header or ASCII body line, or the byte offset of the faulty binary value.
 */
public final class PlyReader {
    private final Path source;
    private final PlyHeader header;
    private final Values values;
    /** The element being read and its instance index, for error messages. */
    private String element = "";
    private long instance;

    private PlyReader(byte[] content, Path source) throws MeshFormatException {
        this.source = source;
        this.header = PlyHeader.parse(content, source);
        this.values = header.encoding == PlyEncoding.ASCII ? new AsciiValues(content) : new BinaryValues(content);
    }

    /**
     * Parses a PLY file.
     *
     * @param content the file's bytes
     * @param source the file, named in error messages
     */
    public static TriangleMesh read(byte[] content, Path source) throws MeshFormatException {
        return new PlyReader(content, source).mesh();
    }

    private TriangleMesh mesh() throws MeshFormatException {
        int vertexCount = 0;
        for (PlyHeader.Element e : header.elements) {
            if (e.name().equals("vertex")) vertexCount = (int) e.count();
        }
        Vertices vertices = null;
        IntList faces = new IntList();
        for (PlyHeader.Element e : header.elements) {
            requireRoom(e);
            element = e.name();
            switch (e.name()) {
                case "vertex" -> vertices = readVertices(e);
                case "face" -> readFaces(e, vertexCount, faces);
                default -> skip(e);
            }
        }
        if (vertices == null) {
            throw MeshFormatException.atLine(source, header.endLine, "the header declares no vertex element");
        }
        return new TriangleMesh(vertices.positions, faces.toArray(), vertices.normals, vertices.uvs, vertices.colors);
    }

    /** Refuses a declared count the remaining bytes cannot hold, before anything is allocated for it. */
    private void requireRoom(PlyHeader.Element e) throws MeshFormatException {
        long perInstance = 0;
        for (PlyHeader.Property p : e.properties()) {
            perInstance += header.encoding == PlyEncoding.ASCII ? 2 : p.isList() ? p.countType().bytes : p.type().bytes;
        }
        if (header.encoding == PlyEncoding.ASCII) perInstance -= 1;
        if (e.count() > 0 && perInstance > 0 && values.remaining() / perInstance < e.count()) {
            throw MeshFormatException.atLine(source, e.line(), "element " + e.name() + " declares " + e.count()
                    + " instances but only " + values.remaining() + " bytes remain (at least " + perInstance + " each)");
        }
    }

    private record Vertices(float[] positions, float[] normals, float[] uvs, float[] colors) {
    }

    private Vertices readVertices(PlyHeader.Element e) throws MeshFormatException {
        int n = (int) e.count();
        int[] xyz = slots(e, new String[] {"x"}, new String[] {"y"}, new String[] {"z"});
        if (xyz == null) {
            throw MeshFormatException.atLine(source, e.line(), "the vertex element has no x, y and z properties");
        }
        int[] nrm = slots(e, new String[] {"nx"}, new String[] {"ny"}, new String[] {"nz"});
        int[] rgb = slots(e, new String[] {"red", "diffuse_red"}, new String[] {"green", "diffuse_green"},
                new String[] {"blue", "diffuse_blue"});
        int[] st = slots(e, new String[] {"s", "u", "texture_u", "texture_s"},
                new String[] {"t", "v", "texture_v", "texture_t"});
        float[] positions = new float[3 * n];
        float[] normals = nrm == null ? null : new float[3 * n];
        float[] colors = rgb == null ? null : new float[3 * n];
        float[] uvs = st == null ? null : new float[2 * n];
        List<PlyHeader.Property> props = e.properties();
        double[] row = new double[props.size()];
        for (instance = 0; instance < n; instance++) {
            for (int p = 0; p < row.length; p++) {
                PlyHeader.Property prop = props.get(p);
                if (prop.isList()) {
                    skipList(prop);
                    continue;
                }
                long at = values.mark();
                row[p] = values.real(prop.type());
                if ((p == xyz[0] || p == xyz[1] || p == xyz[2]) && !Double.isFinite((float) row[p])) {
                    throw values.fault(at, "coordinate " + prop.name() + " is not finite");
                }
            }
            int v = (int) instance;
            for (int k = 0; k < 3; k++) {
                positions[3 * v + k] = (float) row[xyz[k]];
                if (normals != null) normals[3 * v + k] = (float) row[nrm[k]];
                if (colors != null) {
                    PlyType type = props.get(rgb[k]).type();
                    colors[3 * v + k] = (float) (type.integral ? row[rgb[k]] / type.unsignedMax() : row[rgb[k]]);
                }
            }
            if (uvs != null) {
                uvs[2 * v] = (float) row[st[0]];
                uvs[2 * v + 1] = (float) row[st[1]];
            }
        }
        return new Vertices(positions, normals, uvs, colors);
    }

    /** The property index of each component (any of its accepted names, scalar only), or null if one is missing. */
    private static int[] slots(PlyHeader.Element e, String[]... components) {
        int[] slots = new int[components.length];
        for (int c = 0; c < components.length; c++) {
            slots[c] = e.indexOf(components[c]);
            if (slots[c] < 0 || e.properties().get(slots[c]).isList()) return null;
        }
        return slots;
    }

    private void readFaces(PlyHeader.Element e, int vertexCount, IntList out) throws MeshFormatException {
        int list = e.indexOf("vertex_indices", "vertex_index");
        List<PlyHeader.Property> props = e.properties();
        if (list < 0 || !props.get(list).isList() || !props.get(list).type().integral) {
            throw MeshFormatException.atLine(source, e.line(),
                    "the face element has no integer list vertex_indices or vertex_index");
        }
        int[] corners = new int[8];
        for (instance = 0; instance < e.count(); instance++) {
            for (int p = 0; p < props.size(); p++) {
                PlyHeader.Property prop = props.get(p);
                if (p != list) {
                    if (prop.isList()) {
                        skipList(prop);
                    } else {
                        values.real(prop.type());
                    }
                    continue;
                }
                long at = values.mark();
                long k = values.integer(prop.countType());
                if (k < 3) throw values.fault(at, "a face needs at least 3 corners, found " + k);
                if (k > corners.length) corners = new int[(int) Math.min(k, values.remaining() + 1)];
                for (int c = 0; c < k; c++) {
                    at = values.mark();
                    long v = values.integer(prop.type());
                    if (v < 0 || v >= vertexCount) {
                        throw values.fault(at, "face refers to vertex " + v + " of " + vertexCount);
                    }
                    corners[c] = (int) v;
                }
                for (int c = 1; c + 1 < k; c++) {
                    out.add(corners[0]);
                    out.add(corners[c]);
                    out.add(corners[c + 1]);
                }
            }
        }
    }

    private void skip(PlyHeader.Element e) throws MeshFormatException {
        if (e.properties().isEmpty()) return; // instances of an element without properties take no bytes
        for (instance = 0; instance < e.count(); instance++) {
            for (PlyHeader.Property prop : e.properties()) {
                if (prop.isList()) {
                    skipList(prop);
                } else {
                    values.real(prop.type());
                }
            }
        }
    }

    private void skipList(PlyHeader.Property prop) throws MeshFormatException {
        long at = values.mark();
        long k = values.integer(prop.countType());
        if (k < 0) throw values.fault(at, "list " + prop.name() + " has a negative length " + k);
        for (long i = 0; i < k; i++) values.real(prop.type());
    }

    /** The fault's detail prefixed with the element instance being read. */
    private String inInstance(String detail) {
        return element + " " + instance + ": " + detail;
    }

    /** The body as a stream of typed values. */
    private interface Values {
        double real(PlyType type) throws MeshFormatException;

        long integer(PlyType type) throws MeshFormatException;

        /** Where the next value starts: its line (ASCII) or byte offset (binary). */
        long mark();

        /** A fault at a {@link #mark()}, naming the element instance being read. */
        MeshFormatException fault(long mark, String detail);

        long remaining();
    }

    private final class BinaryValues implements Values {
        private final ByteBuffer buffer;

        BinaryValues(byte[] content) {
            buffer = ByteBuffer.wrap(content).order(header.encoding.order());
            buffer.position(header.bodyOffset);
        }

        @Override
        public double real(PlyType type) throws MeshFormatException {
            return switch (type) {
                case FLOAT32 -> {
                    need(4);
                    yield buffer.getFloat();
                }
                case FLOAT64 -> {
                    need(8);
                    yield buffer.getDouble();
                }
                default -> integer(type);
            };
        }

        @Override
        public long integer(PlyType type) throws MeshFormatException {
            need(type.bytes);
            return switch (type) {
                case INT8 -> buffer.get();
                case UINT8 -> buffer.get() & 0xff;
                case INT16 -> buffer.getShort();
                case UINT16 -> buffer.getShort() & 0xffff;
                case INT32 -> buffer.getInt();
                case UINT32 -> buffer.getInt() & 0xffffffffL;
                case FLOAT32, FLOAT64 -> throw new IllegalStateException("the header admits only integer counts");
            };
        }

        private void need(int bytes) throws MeshFormatException {
            if (buffer.remaining() < bytes) throw fault(mark(), "the file ends inside this element");
        }

        @Override
        public long mark() {
            return buffer.position();
        }

        @Override
        public MeshFormatException fault(long mark, String detail) {
            return MeshFormatException.atByte(source, mark, inInstance(detail));
        }

        @Override
        public long remaining() {
            return buffer.remaining();
        }
    }

    private final class AsciiValues implements Values {
        private final byte[] b;
        private int pos;
        private long line;
        /** The line of the last token read, where a value cut off by the end of the file belongs. */
        private long lastTokenLine;

        AsciiValues(byte[] content) {
            b = content;
            pos = header.bodyOffset;
            line = header.endLine + 1;
            lastTokenLine = header.endLine;
        }

        /** Moves to the next token, counting lines; returns false at the end of the file. */
        private boolean skipSpace() {
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\r' || b[pos] == '\n')) {
                if (b[pos] == '\n') line++;
                pos++;
            }
            return pos < b.length;
        }

        private String token() throws MeshFormatException {
            if (!skipSpace()) throw fault(lastTokenLine, "the file ends inside this element");
            lastTokenLine = line;
            int start = pos;
            while (pos < b.length && b[pos] != ' ' && b[pos] != '\t' && b[pos] != '\r' && b[pos] != '\n') pos++;
            return new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public double real(PlyType type) throws MeshFormatException {
            if (type.integral) return integer(type);
            long at = mark();
            String s = token();
            if (!DecimalText.isDecimal(s)) throw fault(at, "'" + s + "' is not a decimal number");
            return type == PlyType.FLOAT32 ? Float.parseFloat(s) : Double.parseDouble(s);
        }

        @Override
        public long integer(PlyType type) throws MeshFormatException {
            long at = mark();
            String s = token();
            long v = DecimalText.parseInteger(s);
            if (v == Long.MIN_VALUE || !type.holds(v)) {
                throw fault(at, "'" + s + "' is not a " + type.headerName() + " integer");
            }
            return v;
        }

        @Override
        public long mark() {
            skipSpace();
            return line;
        }

        @Override
        public MeshFormatException fault(long mark, String detail) {
            return MeshFormatException.atLine(source, mark, inInstance(detail));
        }

        @Override
        public long remaining() {
            return b.length - pos;
        }
    }
}
