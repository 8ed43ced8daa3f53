package org.sculpt4d.geometry.io;

import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes binary glTF 2.0 (GLB: a 12-byte header, a JSON chunk and one BIN chunk, glTF 2.0 §4.4). Positions are
 * FLOAT VEC3 with min/max, faces UNSIGNED_INT triangles; no normals (viewers then shade flat), no materials.
 *
 * <ul>
 *   <li>{@link #writeMesh}: one static mesh.</li>
 *   <li>{@link #writeMorphAnimation}: a fixed-topology sequence as one mesh whose base is frame 0 and whose morph
 *   target {@code t-1} holds the position deltas {@code frame t − frame 0} (T−1 targets; frame 0 needs none), with a
 *   {@code weights} animation of one key per frame at {@code k / fps} seconds whose key k is the one-hot weight vector
 *   of frame k. The sampler is LINEAR: at key times the pose is exactly frame k, and a player running at another
 *   rate blends neighbouring frames smoothly instead of jumping as STEP would. three.js (GLTFLoader) and Blender's
 *   importer play morph weight animations.</li>
 *   <li>{@link #writeVisibilityAnimation}: any sequence, fixed topology or not, as one node per frame, each shown only
 *   during its own key by a STEP {@code scale} animation between (1,1,1) and (0,0,0).</li>
 * </ul>
 * Writes are atomic (temporary file, then rename).
 */
public final class GlbWriter {
    private static final int ARRAY_BUFFER = 34962;
    private static final int ELEMENT_ARRAY_BUFFER = 34963;

    private GlbWriter() {
    }

    public static void writeMesh(Path file, TriangleMesh mesh) throws IOException {
        Builder b = new Builder();
        int mesh0 = b.mesh(mesh, "");
        b.nodes.add("{\"mesh\":" + mesh0 + "}");
        AtomicFile.write(file, out -> out.write(b.glb()));
    }

    /** A fixed-topology sequence as morph targets plus a LINEAR weights animation, one key per frame. */
    public static void writeMorphAnimation(Path file, MeshSequence sequence, float fps) throws IOException {
        requireFps(fps);
        if (!sequence.fixedTopology()) {
            throw new IllegalArgumentException(file + ": morph-target GLB needs a fixed-topology sequence; use "
                    + "writeVisibilityAnimation");
        }
        int frames = sequence.frameCount();
        if (frames == 1) {
            writeMesh(file, sequence.frame(0));
            return;
        }
        Builder b = new Builder();
        float[] base = sequence.frame(0).positions();
        StringBuilder targets = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int t = 1; t < frames; t++) {
            float[] p = sequence.frame(t).positions();
            float[] delta = new float[p.length];
            for (int i = 0; i < p.length; i++) delta[i] = p[i] - base[i];
            int accessor = b.floats(delta, "VEC3", 3, true, ARRAY_BUFFER);
            targets.append(t > 1 ? "," : "").append("{\"POSITION\":").append(accessor).append('}');
            names.append(t > 1 ? "," : "").append(String.format(Locale.ROOT, "\"frame_%04d\"", t));
        }
        int position = b.floats(base, "VEC3", 3, true, ARRAY_BUFFER);
        int indices = b.indices(sequence.frame(0).faces());
        b.meshes.add("{\"primitives\":[{\"attributes\":{\"POSITION\":" + position + "},\"indices\":" + indices
                + ",\"mode\":4,\"targets\":[" + targets + "]}],\"weights\":" + floatArray(new float[frames - 1])
                + ",\"extras\":{\"targetNames\":[" + names + "]}}");
        b.nodes.add("{\"mesh\":0,\"name\":\"sequence\"}");
        float[] weights = new float[frames * (frames - 1)];
        for (int k = 1; k < frames; k++) weights[k * (frames - 1) + k - 1] = 1f;
        int input = b.floats(keyTimes(frames, fps), "SCALAR", 1, true, null);
        int output = b.floats(weights, "SCALAR", 1, false, null);
        b.animations.add("{\"name\":\"frames\",\"samplers\":[{\"input\":" + input + ",\"output\":" + output
                + ",\"interpolation\":\"LINEAR\"}],\"channels\":[{\"sampler\":0,\"target\":{\"node\":0,"
                + "\"path\":\"weights\"}}]}");
        AtomicFile.write(file, out -> out.write(b.glb()));
    }

    /** Any sequence as one node per frame, frame k visible (scale 1) only from its key k / fps to the next. */
    public static void writeVisibilityAnimation(Path file, MeshSequence sequence, float fps) throws IOException {
        requireFps(fps);
        int frames = sequence.frameCount();
        Builder b = new Builder();
        int input = b.floats(keyTimes(frames, fps), "SCALAR", 1, true, null);
        StringBuilder samplers = new StringBuilder();
        StringBuilder channels = new StringBuilder();
        for (int k = 0; k < frames; k++) {
            int mesh = b.mesh(sequence.frame(k), String.format(Locale.ROOT, "frame_%04d", k));
            b.nodes.add("{\"mesh\":" + mesh + ",\"name\":\"" + String.format(Locale.ROOT, "frame_%04d", k)
                    + "\",\"scale\":" + (k == 0 ? "[1,1,1]" : "[0,0,0]") + "}");
            float[] scale = new float[3 * frames];
            scale[3 * k] = scale[3 * k + 1] = scale[3 * k + 2] = 1f;
            int output = b.floats(scale, "VEC3", 3, false, null);
            samplers.append(k > 0 ? "," : "").append("{\"input\":").append(input).append(",\"output\":")
                    .append(output).append(",\"interpolation\":\"STEP\"}");
            channels.append(k > 0 ? "," : "").append("{\"sampler\":").append(k).append(",\"target\":{\"node\":")
                    .append(k).append(",\"path\":\"scale\"}}");
        }
        b.animations.add("{\"name\":\"frames\",\"samplers\":[" + samplers + "],\"channels\":[" + channels + "]}");
        AtomicFile.write(file, out -> out.write(b.glb()));
    }

    private static void requireFps(float fps) {
        if (!(fps > 0f) || !Float.isFinite(fps)) throw new IllegalArgumentException("fps must be positive: " + fps);
    }

    private static float[] keyTimes(int frames, float fps) {
        float[] times = new float[frames];
        for (int k = 0; k < frames; k++) times[k] = k / fps;
        return times;
    }

    private static String floatArray(float[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) s.append(i > 0 ? "," : "").append(values[i]);
        return s.append(']').toString();
    }

    /** Collects JSON objects and the binary buffer of one GLB. */
    private static final class Builder {
        final ByteArrayOutputStream bin = new ByteArrayOutputStream();
        final List<String> bufferViews = new ArrayList<>();
        final List<String> accessors = new ArrayList<>();
        final List<String> meshes = new ArrayList<>();
        final List<String> nodes = new ArrayList<>();
        final List<String> animations = new ArrayList<>();

        /** A mesh of one TRIANGLES primitive; returns its index. */
        int mesh(TriangleMesh mesh, String name) {
            int position = floats(mesh.positions(), "VEC3", 3, true, ARRAY_BUFFER);
            int indices = indices(mesh.faces());
            meshes.add("{\"name\":\"" + name + "\",\"primitives\":[{\"attributes\":{\"POSITION\":" + position
                    + "},\"indices\":" + indices + ",\"mode\":4}]}");
            return meshes.size() - 1;
        }

        int floats(float[] values, String type, int components, boolean minMax, Integer target) {
            ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) data.putFloat(v);
            String bounds = "";
            if (minMax) {
                float[] min = new float[components];
                float[] max = new float[components];
                java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
                java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
                for (int i = 0; i < values.length; i++) {
                    min[i % components] = Math.min(min[i % components], values[i]);
                    max[i % components] = Math.max(max[i % components], values[i]);
                }
                bounds = ",\"min\":" + floatArray(min) + ",\"max\":" + floatArray(max);
            }
            return accessor(data.array(), GltfAccessors.FLOAT, values.length / components, type, bounds, target);
        }

        int indices(int[] faces) {
            ByteBuffer data = ByteBuffer.allocate(4 * faces.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : faces) data.putInt(v);
            return accessor(data.array(), GltfAccessors.UNSIGNED_INT, faces.length, "SCALAR", "",
                    ELEMENT_ARRAY_BUFFER);
        }

        private int accessor(byte[] bytes, int componentType, int count, String type, String bounds, Integer target) {
            int offset = bin.size();
            bin.writeBytes(bytes);
            bufferViews.add("{\"buffer\":0,\"byteOffset\":" + offset + ",\"byteLength\":" + bytes.length
                    + (target == null ? "" : ",\"target\":" + target) + "}");
            accessors.add("{\"bufferView\":" + (bufferViews.size() - 1) + ",\"componentType\":" + componentType
                    + ",\"count\":" + count + ",\"type\":\"" + type + "\"" + bounds + "}");
            return accessors.size() - 1;
        }

        byte[] glb() {
            StringBuilder json = new StringBuilder("{\"asset\":{\"version\":\"2.0\",\"generator\":\"sculpt4d\"}");
            json.append(",\"scene\":0,\"scenes\":[{\"nodes\":[");
            for (int i = 0; i < nodes.size(); i++) json.append(i > 0 ? "," : "").append(i);
            json.append("]}]");
            section(json, "nodes", nodes);
            section(json, "meshes", meshes);
            section(json, "animations", animations);
            section(json, "accessors", accessors);
            section(json, "bufferViews", bufferViews);
            json.append(",\"buffers\":[{\"byteLength\":").append(bin.size()).append("}]}");
            byte[] jsonBytes = json.toString().getBytes(StandardCharsets.UTF_8);
            int jsonLength = (jsonBytes.length + 3) & ~3;
            int binLength = (bin.size() + 3) & ~3;
            ByteBuffer glb = ByteBuffer.allocate(12 + 8 + jsonLength + 8 + binLength).order(ByteOrder.LITTLE_ENDIAN);
            glb.putInt(0x46546C67).putInt(2).putInt(glb.capacity());
            glb.putInt(jsonLength).putInt(0x4E4F534A).put(jsonBytes);
            for (int i = jsonBytes.length; i < jsonLength; i++) glb.put((byte) ' ');
            glb.putInt(binLength).putInt(0x004E4942).put(bin.toByteArray());
            return glb.array();
        }

        private static void section(StringBuilder json, String name, List<String> items) {
            if (items.isEmpty()) return;
            json.append(",\"").append(name).append("\":[").append(String.join(",", items)).append(']');
        }
    }
}
