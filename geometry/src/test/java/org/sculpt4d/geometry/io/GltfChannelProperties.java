package org.sculpt4d.geometry.io;

import de.javagl.jgltf.model.AnimationModel.Interpolation;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channel sampling: keys are hit exactly, LINEAR stays between neighbours, rotations stay unit quaternions. */
class GltfChannelProperties {
    private static float[] randomValues(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return v;
    }

    private static float[] keyTimes(int keys) {
        float[] t = new float[keys];
        for (int k = 0; k < keys; k++) t[k] = 0.25f * k;
        return t;
    }

    @Property(tries = 60)
    void translationHitsKeysAndInterpolatesBetweenNeighbours(@ForAll @IntRange(min = 2, max = 8) int keys,
                                                             @ForAll long seed,
                                                             @ForAll @FloatRange(min = 0, max = 1) float u)
            throws MeshFormatException {
        Random r = new Random(seed);
        float[] values = randomValues(r, 3 * keys);
        DefaultNodeModel node = new DefaultNodeModel();
        GltfChannel c = GltfChannel.of(node, "translation", Interpolation.LINEAR, keyTimes(keys), values,
                GltfChannelProperties::fault);
        int k = r.nextInt(keys);
        c.apply(0.25f * k);
        assertArrayEquals(new float[] {values[3 * k], values[3 * k + 1], values[3 * k + 2]}, node.getTranslation(), 0f);
        int j = r.nextInt(keys - 1);
        c.apply(0.25f * (j + u));
        for (int i = 0; i < 3; i++) {
            float a = values[3 * j + i];
            float b = values[3 * j + 3 + i];
            float x = node.getTranslation()[i];
            assertTrue(x >= Math.min(a, b) - 1e-6f && x <= Math.max(a, b) + 1e-6f, a + " " + x + " " + b);
        }
    }

    @Property(tries = 60)
    void rotationsStayUnitForEveryInterpolation(@ForAll @IntRange(min = 2, max = 8) int keys, @ForAll long seed,
                                                @ForAll @FloatRange(min = -0.5f, max = 2.5f) float t)
            throws MeshFormatException {
        Random r = new Random(seed);
        for (Interpolation mode : Interpolation.values()) {
            int perKey = mode == Interpolation.CUBICSPLINE ? 3 : 1;
            float[] values = randomValues(r, 4 * keys * perKey);
            DefaultNodeModel node = new DefaultNodeModel();
            GltfChannel.of(node, "rotation", mode, keyTimes(keys), values, GltfChannelProperties::fault).apply(t);
            double norm = 0;
            for (float q : node.getRotation()) norm += q * q;
            assertEquals(1.0, Math.sqrt(norm), 1e-5, mode.toString());
        }
    }

    @Property(tries = 30)
    void malformedKeysAreRejected(@ForAll @IntRange(min = 2, max = 8) int keys) {
        float[] times = keyTimes(keys);
        times[keys - 1] = times[0];
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> GltfChannel.of(new DefaultNodeModel(),
                "scale", Interpolation.STEP, times, new float[3 * keys], GltfChannelProperties::fault));
        assertTrue(e.getMessage().contains("not strictly increasing at key " + (keys - 1)), e.getMessage());
        e = assertThrows(MeshFormatException.class, () -> GltfChannel.of(new DefaultNodeModel(), "scale",
                Interpolation.STEP, keyTimes(keys), new float[3 * keys + 1], GltfChannelProperties::fault));
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }

    private static MeshFormatException fault(String message) {
        return MeshFormatException.atElement(Path.of("t.gltf"), "animations[0]", message);
    }
}
