package org.sculpt4d.geometry.io;

import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.BufferViewModel;
import de.javagl.jgltf.model.ElementType;
import de.javagl.jgltf.model.GltfModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Reads glTF accessors into Java arrays with every check a reader needs, so that a fault is reported as
 * {@code "file: accessors[3]: ..."} instead of surfacing later as a wrong mesh: element type, component type, the
 * buffer being present and long enough for every element (stride included) and finite float values. Components
 * follow the glTF 2.0 specification §3.6 (little-endian; normalized integers mapped as in §3.11).
 */
final class GltfAccessors {
    static final int BYTE = 5120;
    static final int UNSIGNED_BYTE = 5121;
    static final int SHORT = 5122;
    static final int UNSIGNED_SHORT = 5123;
    static final int UNSIGNED_INT = 5125;
    static final int FLOAT = 5126;

    private final Path file;
    private final GltfModel model;

    GltfAccessors(Path file, GltfModel model) {
        this.file = file;
        this.model = model;
    }

    /** {@code "accessors[i]"}, the JSON position of an accessor. */
    String name(AccessorModel a) {
        return "accessors[" + model.getAccessorModels().indexOf(a) + "]";
    }

    MeshFormatException fault(AccessorModel a, String role, String detail) {
        return MeshFormatException.atElement(file, name(a), role + ": " + detail);
    }

    /**
     * Float data of the given element type: FLOAT components, or normalized integers where {@code normalizedOk}.
     * Returns count × components values.
     */
    float[] floats(AccessorModel a, ElementType type, boolean normalizedOk, String role) throws MeshFormatException {
        requireType(a, type, role);
        int ct = a.getComponentType();
        boolean integer = ct == BYTE || ct == UNSIGNED_BYTE || ct == SHORT || ct == UNSIGNED_SHORT;
        if (ct != FLOAT && !(normalizedOk && integer && a.isNormalized())) {
            throw fault(a, role, "component type " + ct + " where FLOAT (5126)"
                    + (normalizedOk ? " or a normalized byte/short" : "") + " is required");
        }
        Layout l = layout(a, role);
        int n = type.getNumComponents();
        float[] out = new float[a.getCount() * n];
        for (int e = 0; e < a.getCount(); e++) {
            for (int c = 0; c < n; c++) {
                int at = l.start + e * l.stride + c * l.componentBytes;
                float v = switch (ct) {
                    case FLOAT -> l.data.getFloat(at);
                    case BYTE -> Math.max(l.data.get(at) / 127f, -1f);
                    case UNSIGNED_BYTE -> (l.data.get(at) & 0xff) / 255f;
                    case SHORT -> Math.max(l.data.getShort(at) / 32767f, -1f);
                    default -> (l.data.getShort(at) & 0xffff) / 65535f;
                };
                if (!Float.isFinite(v)) throw fault(a, role, "element " + e + " has a non-finite value " + v);
                out[e * n + c] = v;
            }
        }
        return out;
    }

    /** Unsigned integer data (UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT), each below {@code bound}. */
    int[] unsignedInts(AccessorModel a, ElementType type, int bound, String role) throws MeshFormatException {
        requireType(a, type, role);
        int ct = a.getComponentType();
        if (ct != UNSIGNED_BYTE && ct != UNSIGNED_SHORT && ct != UNSIGNED_INT) {
            throw fault(a, role, "component type " + ct + " where an unsigned integer type is required");
        }
        Layout l = layout(a, role);
        int n = type.getNumComponents();
        int[] out = new int[a.getCount() * n];
        for (int e = 0; e < a.getCount(); e++) {
            for (int c = 0; c < n; c++) {
                int at = l.start + e * l.stride + c * l.componentBytes;
                long v = switch (ct) {
                    case UNSIGNED_BYTE -> l.data.get(at) & 0xff;
                    case UNSIGNED_SHORT -> l.data.getShort(at) & 0xffff;
                    default -> l.data.getInt(at) & 0xffffffffL;
                };
                if (v >= bound) throw fault(a, role, "element " + e + " is " + v + ", out of range [0, " + bound + ")");
                out[e * n + c] = (int) v;
            }
        }
        return out;
    }

    private void requireType(AccessorModel a, ElementType type, String role) throws MeshFormatException {
        if (a.getElementType() != type) {
            throw fault(a, role, "element type " + a.getElementType() + " where " + type + " is required");
        }
    }

    private record Layout(ByteBuffer data, int start, int stride, int componentBytes) {
    }

    /** Where the elements lie, after checking that the buffer holds all of them. */
    private Layout layout(AccessorModel a, String role) throws MeshFormatException {
        BufferViewModel view = a.getBufferViewModel();
        if (view == null) throw fault(a, role, "has no bufferView (sparse-only accessors are not supported)");
        ByteBuffer data = view.getBufferModel() == null ? null : view.getBufferModel().getBufferData();
        int bufferIndex = model.getBufferModels().indexOf(view.getBufferModel());
        if (data == null) {
            throw fault(a, role, "buffers[" + bufferIndex + "] has no data (missing or unreadable file "
                    + (view.getBufferModel() == null ? "?" : view.getBufferModel().getUri()) + ")");
        }
        int componentBytes = a.getComponentSizeInBytes();
        int elementBytes = componentBytes * a.getElementType().getNumComponents();
        int stride = view.getByteStride() == null || view.getByteStride() == 0 ? elementBytes : view.getByteStride();
        long start = (long) view.getByteOffset() + a.getByteOffset();
        long end = a.getCount() == 0 ? start : start + (long) stride * (a.getCount() - 1) + elementBytes;
        long viewEnd = (long) view.getByteOffset() + view.getByteLength();
        if (end > viewEnd || end > data.capacity() || a.getByteOffset() < 0) {
            throw fault(a, role, a.getCount() + " elements need bytes " + start + ".." + end + " of buffers["
                    + bufferIndex + "], but its bufferView ends at " + viewEnd + " and the buffer holds "
                    + data.capacity() + " bytes (truncated)");
        }
        return new Layout(data.duplicate().order(ByteOrder.LITTLE_ENDIAN), (int) start, stride, componentBytes);
    }
}
