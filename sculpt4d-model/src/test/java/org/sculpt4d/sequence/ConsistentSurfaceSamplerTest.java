package org.sculpt4d.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.nn.io.HalfFloat;
import org.sculpt4d.tensor.Tensor;

class ConsistentSurfaceSamplerTest {
    /** A unit cube whose faces are split into k×k quads (two triangles each), outward: 12 sharp edges. */
    static TriangleMesh cube(int k) {
        List<float[]> v = new ArrayList<>();
        List<int[]> f = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            for (int side = 0; side < 2; side++) {
                int base = v.size();
                int u = (axis + 1) % 3, w = (axis + 2) % 3;
                for (int i = 0; i <= k; i++) {
                    for (int j = 0; j <= k; j++) {
                        float[] p = new float[3];
                        p[axis] = side;
                        p[u] = i / (float) k;
                        p[w] = j / (float) k;
                        v.add(p);
                    }
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        int a = base + i * (k + 1) + j, b = a + k + 1, c = b + 1, d = a + 1;
                        if (side == 1) {
                            f.add(new int[] {a, b, c});
                            f.add(new int[] {a, c, d});
                        } else {
                            f.add(new int[] {a, c, b});
                            f.add(new int[] {a, d, c});
                        }
                    }
                }
            }
        }
        float[] pos = new float[3 * v.size()];
        for (int i = 0; i < v.size(); i++) System.arraycopy(v.get(i), 0, pos, 3 * i, 3);
        int[] faces = f.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        return new TriangleMesh(pos, faces);
    }

    /** Frame t: the cube stretched along x by 1 + 0.1·t·stretch and moved by (0.2·t, −0.1·t, 0). */
    static MeshSequence stretching(TriangleMesh rest, int frames, double stretch) {
        List<TriangleMesh> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            float[] p = rest.positions().clone();
            for (int i = 0; i < p.length; i += 3) {
                p[i] = (float) (p[i] * (1 + 0.1 * t * stretch) + 0.2 * t);
                p[i + 1] = (float) (p[i + 1] - 0.1 * t);
            }
            out.add(rest.withPositions(p));
        }
        return new MeshSequence(out);
    }

    @Property(tries = 20)
    void consistentRowsFollowTheMaterialPoint(@ForAll @LongRange(min = 0, max = 1000) long seed,
                                              @ForAll @DoubleRange(min = 0, max = 3) double stretch) {
        MeshSequence seq = stretching(cube(3), 4, stretch);
        SurfaceSequence s = new ConsistentSurfaceSampler(200, 40, ConsistentSurfaceSampler.Mode.CONSISTENT, false)
                .sample(seq, seed);
        JointNormalization n = s.normalization();
        double[] c = n.center();
        float[] rest = s.surface(0).toArray();
        for (int t = 1; t < s.frameCount(); t++) {
            float[] got = s.surface(t).toArray();
            for (int r = 0; r < 240; r++) {
                // undo the normalisation on frame 0's row, apply frame t's motion, normalise again
                double x0 = rest[7 * r] / n.scale() + c[0], y0 = rest[7 * r + 1] / n.scale() + c[1];
                double z0 = rest[7 * r + 2] / n.scale() + c[2];
                double[] want = {x0 * (1 + 0.1 * t * stretch) + 0.2 * t, y0 - 0.1 * t, z0};
                for (int k = 0; k < 3; k++) {
                    assertEquals((want[k] - c[k]) * n.scale(), got[7 * r + k], 2e-5, "frame " + t + " row " + r);
                }
                assertEquals(rest[7 * r + 6], got[7 * r + 6], "flag");
            }
        }
    }

    @Test
    void rowsAreUniformThenSharpWithFlagsAndHalfPrecisionValues() {
        SurfaceSequence s = new ConsistentSurfaceSampler(300, 100, ConsistentSurfaceSampler.Mode.CONSISTENT, true)
                .sample(stretching(cube(8), 2, 1), 7);
        double scale = s.normalization().scale();
        double[] c = s.normalization().center();
        float[] d = s.surface(0).toArray(); // frame 0 is the unit cube [0, 1]³
        int uniformOnEdges = 0, sharpOnEdges = 0;
        for (int r = 0; r < 400; r++) {
            assertEquals(r < 300 ? 0f : 1f, d[7 * r + 6]);
            for (int k = 0; k < 6; k++) assertEquals(HalfFloat.roundToHalf(d[7 * r + k]), d[7 * r + k]);
            int onFaces = 0; // coordinates at 0 or 1 once the normalisation is undone (fp16: ~1e-3 apart)
            for (int k = 0; k < 3; k++) {
                double u = d[7 * r + k] / scale + c[k];
                if (Math.min(Math.abs(u), Math.abs(u - 1)) < 2e-3) onFaces++;
            }
            assertTrue(onFaces >= 1, "row " + r + " is off the cube");
            if (onFaces >= 2 && r < 300) uniformOnEdges++;
            if (onFaces >= 2 && r >= 300) sharpOnEdges++;
        }
        // Hunyuan's rule also keeps the face diagonals whose two ends lie on cube edges (two per face, next to
        // corners, each √2/8 long): by length, 12 / (12 + 6·2·√2/8) = 85 % of the sharp samples are on cube edges
        assertTrue(sharpOnEdges >= 75, sharpOnEdges + " of 100 sharp rows on cube edges");
        assertTrue(uniformOnEdges <= 5, uniformOnEdges + " of 300 uniform rows on cube edges");
    }

    @Test
    void jointNormalisationIsOneTransformForAllFrames() {
        MeshSequence seq = stretching(cube(1), 5, 2);
        SurfaceSequence s = new ConsistentSurfaceSampler(50, 0, ConsistentSurfaceSampler.Mode.CONSISTENT, false)
                .sample(seq, 3);
        // joint box: x from 0 to 0.8 + 1.8 = 2.6 (longest), y from −0.4 to 1, z from 0 to 1
        assertEquals(2 * 0.9999 / 2.6, s.normalization().scale(), 1e-6); // float32 vertices
        assertArrayEquals(new double[] {1.3, 0.3, 0.5}, s.normalization().center(), 1e-6);
        for (int t = 0; t < 5; t++) {
            for (float v : s.surface(t).toArray()) assertTrue(Math.abs(v) <= 1.0f);
        }
    }

    @Test
    void independentSamplingDrawsNewPointsEveryFrame() {
        MeshSequence still = stretching(cube(2), 3, 0);
        Tensor a = new ConsistentSurfaceSampler(100, 20, ConsistentSurfaceSampler.Mode.INDEPENDENT, false)
                .sample(still, 5).surface(1);
        SurfaceSequence consistent = new ConsistentSurfaceSampler(100, 20, ConsistentSurfaceSampler.Mode.CONSISTENT,
                false).sample(stretching(cube(2), 3, 0), 5);
        float[] first = consistent.surface(0).toArray();
        float[] other = a.toArray();
        int moved = 0;
        for (int r = 0; r < 120; r++) {
            double d = Math.hypot(Math.hypot(first[7 * r] - other[7 * r], first[7 * r + 1] - other[7 * r + 1]),
                    first[7 * r + 2] - other[7 * r + 2]);
            if (d > 1e-3) moved++;
        }
        assertTrue(moved > 110, moved + " of 120 rows moved on a still sequence");
    }

    @Test
    void deterministicForASeed() {
        MeshSequence seq = stretching(cube(2), 3, 1);
        ConsistentSurfaceSampler s = new ConsistentSurfaceSampler(64, 16, ConsistentSurfaceSampler.Mode.CONSISTENT, true);
        assertArrayEquals(s.sample(seq, 9).surface(2).toArray(), s.sample(seq, 9).surface(2).toArray());
    }

    @Test
    void changingTopologyAndMissingSharpEdgesAreNamed() {
        TriangleMesh a = cube(1), b = cube(2);
        ConsistentSurfaceSampler s = new ConsistentSurfaceSampler(10, 4, ConsistentSurfaceSampler.Mode.CONSISTENT, false);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample(new MeshSequence(List.of(a, b)), 1))
                .getMessage().contains("topology"));
        TriangleMesh flat = new TriangleMesh(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0}, new int[] {0, 1, 2, 1, 3, 2});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.sample(new MeshSequence(List.of(flat)), 1))
                .getMessage().contains("no sharp edge"));
    }
}
