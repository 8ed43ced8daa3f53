package org.sculpt4d.geometry.io;

import de.javagl.jgltf.model.AnimationModel.Interpolation;
import de.javagl.jgltf.model.NodeModel;

import java.util.function.Function;

/**
 * One animation channel: key times and values for one node property (translation, rotation, scale or morph
 * weights), sampled at any time with the channel's interpolation (glTF 2.0 §3.11: STEP; LINEAR, spherical for
 * rotations; CUBICSPLINE, whose values are stored as in-tangent, value, out-tangent triplets). Before the first key
 * the first value holds, after the last key the last.
 */
final class GltfChannel {
    private final NodeModel node;
    private final String path;
    private final Interpolation interpolation;
    private final float[] times;
    private final float[] values;
    private final int width;

    private GltfChannel(NodeModel node, String path, Interpolation interpolation, float[] times, float[] values,
                        int width) {
        this.node = node;
        this.path = path;
        this.interpolation = interpolation;
        this.times = times;
        this.values = values;
        this.width = width;
    }

    /** Checks the key layout; {@code fault} turns a message into the exception naming the accessor. */
    static GltfChannel of(NodeModel node, String path, Interpolation interpolation, float[] times, float[] values,
                          Function<String, MeshFormatException> fault) throws MeshFormatException {
        if (times.length == 0) throw fault.apply("animation sampler has no keys");
        for (int k = 1; k < times.length; k++) {
            if (!(times[k] > times[k - 1])) throw fault.apply("key times not strictly increasing at key " + k);
        }
        int perKey = interpolation == Interpolation.CUBICSPLINE ? 3 : 1;
        int width = values.length / (times.length * perKey);
        int expected = switch (path) {
            case "rotation" -> 4;
            case "weights" -> width;
            default -> 3;
        };
        if (width == 0 || width != expected || values.length != width * times.length * perKey) {
            throw fault.apply(values.length + " output values do not fit " + times.length + " keys of " + path);
        }
        return new GltfChannel(node, path, interpolation, times, values, width);
    }

    float[] times() {
        return times;
    }

    /** Sets the node's property to its value at time {@code t}. */
    void apply(float t) {
        float[] v = sample(t);
        switch (path) {
            case "translation" -> node.setTranslation(v);
            case "rotation" -> node.setRotation(normalized(v));
            case "scale" -> node.setScale(v);
            default -> node.setWeights(v);
        }
    }

    private float[] sample(float t) {
        int last = times.length - 1;
        if (t <= times[0]) return key(0);
        if (t >= times[last]) return key(last);
        int k = 0;
        while (times[k + 1] <= t) k++;
        float dt = times[k + 1] - times[k];
        float u = (t - times[k]) / dt;
        return switch (interpolation) {
            case STEP -> key(k);
            case LINEAR -> path.equals("rotation") ? slerp(key(k), key(k + 1), u) : lerp(key(k), key(k + 1), u);
            case CUBICSPLINE -> hermite(k, u, dt);
        };
    }

    /** The value of key k (the middle of the triplet for CUBICSPLINE). */
    private float[] key(int k) {
        return element(interpolation == Interpolation.CUBICSPLINE ? 3 * k + 1 : k);
    }

    private float[] element(int e) {
        float[] v = new float[width];
        System.arraycopy(values, e * width, v, 0, width);
        return v;
    }

    private static float[] lerp(float[] a, float[] b, float u) {
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) v[i] = a[i] + u * (b[i] - a[i]);
        return v;
    }

    private static float[] slerp(float[] a, float[] b, float u) {
        double dot = 0;
        for (int i = 0; i < 4; i++) dot += a[i] * b[i];
        float sign = dot < 0 ? -1f : 1f;
        dot = Math.abs(dot);
        if (dot > 0.9995) {
            float[] v = new float[4];
            for (int i = 0; i < 4; i++) v[i] = a[i] + u * (sign * b[i] - a[i]);
            return normalized(v);
        }
        double theta = Math.acos(dot);
        double s = Math.sin(theta);
        float wa = (float) (Math.sin((1 - u) * theta) / s);
        float wb = (float) (Math.sin(u * theta) / s) * sign;
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) v[i] = wa * a[i] + wb * b[i];
        return v;
    }

    /** Cubic Hermite spline between keys k and k+1 (glTF 2.0 Appendix C). */
    private float[] hermite(int k, float u, float dt) {
        float[] p0 = element(3 * k + 1);
        float[] m0 = element(3 * k + 2);
        float[] m1 = element(3 * (k + 1));
        float[] p1 = element(3 * (k + 1) + 1);
        float u2 = u * u;
        float u3 = u2 * u;
        float[] v = new float[width];
        for (int i = 0; i < width; i++) {
            v[i] = (2 * u3 - 3 * u2 + 1) * p0[i] + (u3 - 2 * u2 + u) * dt * m0[i] + (-2 * u3 + 3 * u2) * p1[i]
                    + (u3 - u2) * dt * m1[i];
        }
        return v;
    }

    private static float[] normalized(float[] q) {
        double n = 0;
        for (float x : q) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return q;
        float[] v = new float[q.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (q[i] / n);
        return v;
    }
}
