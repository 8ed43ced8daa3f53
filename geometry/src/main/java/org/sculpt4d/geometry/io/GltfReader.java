package org.sculpt4d.geometry.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.javagl.jgltf.impl.v2.Buffer;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.AnimationModel;
import de.javagl.jgltf.model.ElementType;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SkinModel;
import de.javagl.jgltf.model.io.GltfModelReader;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads glTF 2.0 ({@code .gltf} with external or {@code data:} buffers, or binary {@code .glb}) through jgltf-model
 * and evaluates it to triangle meshes in world space.
 *
 * <ul>
 *   <li>Every TRIANGLES primitive (mode 4) of every mesh node of the first scene is merged into one mesh, with the
 *   node's global transform applied; other primitive modes are skipped. A node whose global transform is singular
 *   (scale 0) is invisible and contributes nothing, which is how {@link GlbWriter} encodes variable topology.</li>
 *   <li>Morph targets (glTF 2.0 §3.7.2.2): {@code p = base + Σ w_i · target_i}, weights from the node, else the
 *   mesh, else 0; only POSITION targets are read.</li>
 *   <li>Skinning (glTF 2.0 §3.7.3, linear blend skinning): {@code p' = Σ_j w_j · G(joint_j) · IBM_j · p} with the
 *   joints' global transforms G and inverse bind matrices IBM, from JOINTS_0 / WEIGHTS_0; the mesh node's own
 *   transform is ignored, as the specification says.</li>
 *   <li>Animation: the first animation is sampled at the sorted union of its channels' key times, one frame per
 *   time, with STEP, LINEAR (slerp for rotations) or CUBICSPLINE interpolation (§3.11) of channels whose keys lie
 *   elsewhere. Without animations the sequence has one frame, the rest pose.</li>
 * </ul>
 * Vertex attributes other than positions are not kept. Any fault (missing buffer, wrong accessor type, index out of
 * range, NaN/Inf, truncated data, JSON values of the wrong type) is a {@link MeshFormatException} naming the file and the
 * element, thrown before any mesh is returned.
 */
public final class GltfReader {
    private static final int TRIANGLES = 4;

    /** The frames of a glTF scene and the animation time (seconds) of each. */
    public record Animation(MeshSequence sequence, float[] times) {
    }

    /** One TRIANGLES primitive, its data read and checked. */
    private record Part(NodeModel node, float[] base, float[][] targets, float[] defaultWeights, int[] faces,
                        int[] joints, float[] jointWeights) {
    }

    private final Path file;
    private final GltfModel model;
    private final GltfAccessors accessors;
    /** What is being read or evaluated, for errors: {@code "meshes"}, {@code "animations[0]"}, ... */
    private String stage = "meshes";

    private GltfReader(Path file, GltfModel model) {
        this.file = file;
        this.model = model;
        this.accessors = new GltfAccessors(file, model);
    }

    /** The rest pose (no animation applied) as one mesh. */
    public static TriangleMesh readMesh(Path file) throws IOException {
        GltfReader reader = open(file);
        try {
            return reader.evaluate(reader.parts());
        } catch (RuntimeException e) {
            throw reader.unexpected(e);
        }
    }

    /** The first animation sampled at its key times; the rest pose alone when there is no animation. */
    public static Animation read(Path file) throws IOException {
        GltfReader reader = open(file);
        try {
            return reader.animation();
        } catch (RuntimeException e) {
            throw reader.unexpected(e);
        }
    }

    /** A fault that jgltf-model or the evaluation (say, transforms overflowing to infinity) met at {@link #stage}. */
    private MeshFormatException unexpected(RuntimeException e) {
        return MeshFormatException.atElement(file, stage, "cannot be evaluated (" + e.getMessage() + ")");
    }

    private Animation animation() throws MeshFormatException {
        List<Part> parts = parts();
        if (model.getAnimationModels().isEmpty()) {
            return new Animation(new MeshSequence(List.of(evaluate(parts))), new float[] {0f});
        }
        stage = "animations[0]";
        List<GltfChannel> channels = channels(model.getAnimationModels().get(0));
        TreeSet<Float> keyTimes = new TreeSet<>();
        for (GltfChannel c : channels) for (float t : c.times()) keyTimes.add(t);
        float[] times = new float[keyTimes.size()];
        List<TriangleMesh> frames = new ArrayList<>(times.length);
        for (float t : keyTimes) {
            stage = "animations[0] at " + t + " s (frame " + frames.size() + ")";
            times[frames.size()] = t;
            for (GltfChannel c : channels) c.apply(t);
            frames.add(evaluate(parts));
        }
        return new Animation(new MeshSequence(frames), times);
    }

    private static GltfReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString());
        precheck(file);
        GltfModelReader reader = new GltfModelReader();
        GltfModel model;
        try {
            model = reader.read(file);
        } catch (IOException | RuntimeException e) {
            throw MeshFormatException.atElement(file, "file", "not a readable glTF 2.0 asset (" + e.getMessage() + ")");
        }
        if (model == null) throw MeshFormatException.atElement(file, "file", "not a readable glTF 2.0 asset");
        return new GltfReader(file, model);
    }

    /**
     * Checks what jgltf-model would only log or fail on without naming the place: the GLB container (header length
     * against the file size, chunk lengths), the JSON against the glTF 2.0 object model (wrong value types such as an
     * object where an array belongs, or a string where a number does) and the presence of every buffer given by a
     * relative file URI.
     */
    private static void precheck(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] json = content;
        if (content.length >= 4 && content[0] == 'g' && content[1] == 'l' && content[2] == 'T' && content[3] == 'F') {
            json = glbJson(file, content);
        }
        GlTF gltf;
        try {
            gltf = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(json, GlTF.class);
        } catch (JsonMappingException e) {
            throw MeshFormatException.atElement(file, "JSON " + e.getPathReference(), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw MeshFormatException.atElement(file, "JSON line " + e.getLocation().getLineNr(), "not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        List<Buffer> buffers = gltf.getBuffers() == null ? List.of() : gltf.getBuffers();
        for (int i = 0; i < buffers.size(); i++) {
            String uri = buffers.get(i).getUri();
            if (uri == null || uri.startsWith("data:") || uri.contains("://")) continue;
            Path bin = file.toAbsolutePath().resolveSibling(URLDecoder.decode(uri, StandardCharsets.UTF_8));
            if (!Files.isRegularFile(bin)) {
                throw MeshFormatException.atElement(file, "buffers[" + i + "]", "missing buffer file " + uri);
            }
        }
    }

    /** The JSON chunk of a GLB (glTF 2.0 §4.4), after checking the container's lengths. */
    private static byte[] glbJson(Path file, byte[] content) throws MeshFormatException {
        ByteBuffer in = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        if (content.length < 20) throw MeshFormatException.atByte(file, content.length, "GLB ends inside its header");
        if (in.getInt(4) != 2) throw MeshFormatException.atByte(file, 4, "GLB version " + in.getInt(4) + ", not 2");
        long declared = in.getInt(8) & 0xffffffffL;
        if (declared != content.length) {
            throw MeshFormatException.atByte(file, 8, "GLB header gives a length of " + declared + " bytes but the file"
                    + " has " + content.length + (declared > content.length ? " (truncated)" : ""));
        }
        long at = 12;
        byte[] json = null;
        while (at < content.length) {
            if (at + 8 > content.length) throw MeshFormatException.atByte(file, at, "GLB ends inside a chunk header");
            long length = in.getInt((int) at) & 0xffffffffL;
            int type = in.getInt((int) at + 4);
            if (at + 8 + length > content.length) {
                throw MeshFormatException.atByte(file, at, "GLB chunk of " + length + " bytes runs past the end of the"
                        + " file (truncated)");
            }
            if (json == null) {
                if (type != 0x4E4F534A) throw MeshFormatException.atByte(file, at + 4, "first GLB chunk is not JSON");
                json = Arrays.copyOfRange(content, (int) at + 8, (int) (at + 8 + length));
            }
            at += 8 + length;
        }
        if (json == null) throw MeshFormatException.atByte(file, 12, "GLB has no JSON chunk");
        return json;
    }

    /** The TRIANGLES primitives of the scene's mesh nodes, depth first. */
    private List<Part> parts() throws MeshFormatException {
        List<NodeModel> roots = new ArrayList<>();
        if (!model.getSceneModels().isEmpty()) {
            roots.addAll(model.getSceneModels().get(0).getNodeModels());
        } else {
            for (NodeModel n : model.getNodeModels()) if (n.getParent() == null) roots.add(n);
        }
        List<Part> parts = new ArrayList<>();
        for (NodeModel root : roots) collect(root, parts);
        if (parts.isEmpty()) throw MeshFormatException.atElement(file, "scene", "no TRIANGLES primitive to read");
        return parts;
    }

    private void collect(NodeModel node, List<Part> parts) throws MeshFormatException {
        for (MeshModel mesh : node.getMeshModels()) {
            List<MeshPrimitiveModel> primitives = mesh.getMeshPrimitiveModels();
            for (int p = 0; p < primitives.size(); p++) {
                MeshPrimitiveModel primitive = primitives.get(p);
                if (primitive.getMode() != TRIANGLES) continue;
                String where = "meshes[" + model.getMeshModels().indexOf(mesh) + "].primitives[" + p + "]";
                parts.add(part(node, mesh, primitive, where));
            }
        }
        for (NodeModel child : node.getChildren()) collect(child, parts);
    }

    private Part part(NodeModel node, MeshModel mesh, MeshPrimitiveModel primitive, String where)
            throws MeshFormatException {
        Map<String, AccessorModel> attributes = primitive.getAttributes();
        AccessorModel position = attributes.get("POSITION");
        if (position == null) throw MeshFormatException.atElement(file, where, "has no POSITION attribute");
        float[] base = accessors.floats(position, ElementType.VEC3, false, where + " POSITION");
        int vertices = position.getCount();
        int[] faces;
        if (primitive.getIndices() != null) {
            faces = accessors.unsignedInts(primitive.getIndices(), ElementType.SCALAR, vertices, where + " indices");
        } else {
            faces = new int[vertices];
            Arrays.setAll(faces, i -> i);
        }
        if (faces.length % 3 != 0) {
            throw MeshFormatException.atElement(file, where, faces.length + " indices, not a multiple of 3");
        }
        List<Map<String, AccessorModel>> targetList = primitive.getTargets();
        float[][] targets = new float[targetList.size()][];
        for (int t = 0; t < targets.length; t++) {
            AccessorModel delta = targetList.get(t).get("POSITION");
            if (delta == null) continue;
            String role = where + " targets[" + t + "].POSITION";
            if (delta.getCount() != vertices) {
                throw accessors.fault(delta, role, delta.getCount() + " elements for " + vertices + " vertices");
            }
            targets[t] = accessors.floats(delta, ElementType.VEC3, false, role);
        }
        float[] defaultWeights = mesh.getWeights();
        if (defaultWeights != null && defaultWeights.length != targets.length) {
            throw MeshFormatException.atElement(file, where, "mesh has " + defaultWeights.length
                    + " default weights for " + targets.length + " morph targets");
        }
        int[] joints = null;
        float[] jointWeights = null;
        SkinModel skin = node.getSkinModel();
        if (skin != null) {
            AccessorModel j = attributes.get("JOINTS_0");
            AccessorModel w = attributes.get("WEIGHTS_0");
            if (j == null || w == null) {
                throw MeshFormatException.atElement(file, where, "skinned node without JOINTS_0 and WEIGHTS_0");
            }
            joints = accessors.unsignedInts(j, ElementType.VEC4, skin.getJoints().size(), where + " JOINTS_0");
            jointWeights = accessors.floats(w, ElementType.VEC4, true, where + " WEIGHTS_0");
            if (j.getCount() != vertices || w.getCount() != vertices) {
                throw accessors.fault(j, where + " JOINTS_0/WEIGHTS_0", "counts " + j.getCount() + "/" + w.getCount()
                        + " differ from the " + vertices + " vertices");
            }
            if (skin.getInverseBindMatrices() != null) {
                float[] ibm = accessors.floats(skin.getInverseBindMatrices(), ElementType.MAT4, false,
                        "skins[" + model.getSkinModels().indexOf(skin) + "] inverseBindMatrices");
                if (ibm.length != 16 * skin.getJoints().size()) {
                    throw accessors.fault(skin.getInverseBindMatrices(), "inverseBindMatrices", ibm.length / 16
                            + " matrices for " + skin.getJoints().size() + " joints");
                }
            }
        }
        return new Part(node, base, targets, defaultWeights, faces, joints, jointWeights);
    }

    private List<GltfChannel> channels(AnimationModel animation) throws MeshFormatException {
        List<GltfChannel> channels = new ArrayList<>();
        for (AnimationModel.Channel c : animation.getChannels()) {
            AnimationModel.Sampler s = c.getSampler();
            String path = c.getPath();
            ElementType type = switch (path) {
                case "translation", "scale" -> ElementType.VEC3;
                case "rotation" -> ElementType.VEC4;
                case "weights" -> ElementType.SCALAR;
                default -> null;
            };
            if (type == null || c.getNodeModel() == null) continue;
            float[] times = accessors.floats(s.getInput(), ElementType.SCALAR, false, "animation input");
            float[] values = accessors.floats(s.getOutput(), type, path.equals("rotation"), "animation output");
            channels.add(GltfChannel.of(c.getNodeModel(), path, s.getInterpolation(), times, values,
                    msg -> accessors.fault(s.getOutput(), "animation " + path, msg)));
        }
        return channels;
    }

    /** The current pose of all parts as one mesh. */
    private TriangleMesh evaluate(List<Part> parts) {
        List<float[]> positions = new ArrayList<>();
        List<int[]> faces = new ArrayList<>();
        int vertexCount = 0;
        int indexCount = 0;
        for (Part part : parts) {
            float[] p = morphed(part);
            float[] world;
            if (part.joints() != null) {
                world = skinned(part, p);
            } else {
                float[] g = part.node().computeGlobalTransform(null);
                if (Mat4.determinant(g) == 0f) continue;
                world = Mat4.transformPoints(g, p);
            }
            positions.add(world);
            faces.add(part.faces());
            vertexCount += world.length / 3;
            indexCount += part.faces().length;
        }
        float[] allPositions = new float[3 * vertexCount];
        int[] allFaces = new int[indexCount];
        int v = 0;
        int f = 0;
        for (int i = 0; i < positions.size(); i++) {
            System.arraycopy(positions.get(i), 0, allPositions, 3 * v, positions.get(i).length);
            for (int index : faces.get(i)) allFaces[f++] = index + v;
            v += positions.get(i).length / 3;
        }
        return new TriangleMesh(allPositions, allFaces);
    }

    private static float[] morphed(Part part) {
        float[] w = part.node().getWeights() != null ? part.node().getWeights() : part.defaultWeights();
        float[] p = part.base().clone();
        if (w == null) return p;
        for (int t = 0; t < part.targets().length && t < w.length; t++) {
            float[] d = part.targets()[t];
            if (d == null || w[t] == 0f) continue;
            for (int i = 0; i < p.length; i++) p[i] += w[t] * d[i];
        }
        return p;
    }

    private static float[] skinned(Part part, float[] p) {
        SkinModel skin = part.node().getSkinModel();
        int n = skin.getJoints().size();
        float[][] jointMatrices = new float[n][];
        for (int j = 0; j < n; j++) {
            float[] g = skin.getJoints().get(j).computeGlobalTransform(null);
            float[] ibm = skin.getInverseBindMatrices() == null ? Mat4.identity() : skin.getInverseBindMatrix(j, null);
            jointMatrices[j] = Mat4.multiply(g, ibm);
        }
        int vertices = p.length / 3;
        float[] out = new float[p.length];
        float[] m = new float[16];
        for (int v = 0; v < vertices; v++) {
            Arrays.fill(m, 0f);
            for (int k = 0; k < 4; k++) {
                float w = part.jointWeights()[4 * v + k];
                if (w == 0f) continue;
                float[] jm = jointMatrices[part.joints()[4 * v + k]];
                for (int i = 0; i < 16; i++) m[i] += w * jm[i];
            }
            Mat4.transformPoint(m, p, 3 * v, out, 3 * v);
        }
        return out;
    }
}
