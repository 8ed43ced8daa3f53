package org.sculpt4d.geometry.io;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AfterTry;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever {@link GlbWriter} writes, {@link GltfReader} (through jgltf-model) reads back as the same frames.
 * Morph-target GLBs store frame t as frame 0 plus the float32 delta (frame t − frame 0), so a coordinate comes back
 * as fl(fl(f_t − f_0) + f_0): within 2 rounding steps, at most 2 ulp(16) ≈ 3.8e-6 for coordinates within ±16;
 * the tests allow 1e-5. Static and per-node GLBs store the frames themselves and must come back exactly.
 */
class GlbRoundTripProperties {
    private final Path dir;

    GlbRoundTripProperties() throws IOException {
        dir = Files.createTempDirectory("glb-round-trip");
    }

    @AfterTry
    void emptyFolder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
    }

    @AfterProperty
    void removeFolder() throws IOException {
        Files.delete(dir);
    }

    /** A random mesh (positions within ±10) and 1..6 frames moving each coordinate by up to ±5. */
    @Provide
    Arbitrary<MeshSequence> fixedTopologySequences() {
        return TestMeshes.randomMeshes().flatMap(m -> Arbitraries.integers().between(1, 6).flatMap(t ->
                Arbitraries.floats().between(-5, 5).array(float[].class).ofSize(t * m.positions().length)
                        .map(moves -> {
                            List<TriangleMesh> frames = new ArrayList<>();
                            int n = m.positions().length;
                            for (int k = 0; k < t; k++) {
                                float[] p = new float[n];
                                for (int i = 0; i < n; i++) p[i] = m.positions()[i] + (k == 0 ? 0 : moves[k * n + i]);
                                frames.add(new TriangleMesh(p, m.faces()));
                            }
                            return new MeshSequence(frames);
                        })));
    }

    @Provide
    Arbitrary<MeshSequence> anySequences() {
        return TestMeshes.randomMeshes().map(m -> new TriangleMesh(m.positions(), m.faces())).list().ofMinSize(1)
                .ofMaxSize(5).map(MeshSequence::new);
    }

    @Provide
    Arbitrary<Float> framesPerSecond() {
        return Arbitraries.of(10f, 24f, 30f, 60f);
    }

    @Property(tries = 40)
    void morphAnimationReadsBackTheFrames(@ForAll("fixedTopologySequences") MeshSequence s,
                                          @ForAll("framesPerSecond") float fps) throws IOException {
        Path file = dir.resolve("morph.glb");
        GlbWriter.writeMorphAnimation(file, s, fps);
        GltfReader.Animation back = GltfReader.read(file);
        assertEquals(s.frameCount(), back.sequence().frameCount());
        for (int k = 0; k < s.frameCount(); k++) {
            assertEquals(k / fps, back.times()[k], 1e-6f);
            TriangleMesh expected = s.frame(k);
            TriangleMesh actual = back.sequence().frame(k);
            assertArrayEquals(expected.faces(), actual.faces());
            assertArrayEquals(expected.positions(), actual.positions(), 1e-5f, "frame " + k);
        }
        assertTrue(back.sequence().fixedTopology());
    }

    @Property(tries = 30)
    void visibilityAnimationReadsBackTheFramesExactly(@ForAll("anySequences") MeshSequence s,
                                                      @ForAll("framesPerSecond") float fps) throws IOException {
        Path file = dir.resolve("nodes.glb");
        GlbWriter.writeVisibilityAnimation(file, s, fps);
        MeshSequence back = GltfReader.read(file).sequence();
        assertEquals(s.frameCount(), back.frameCount());
        for (int k = 0; k < s.frameCount(); k++) {
            assertArrayEquals(s.frame(k).faces(), back.frame(k).faces(), "frame " + k);
            assertArrayEquals(s.frame(k).positions(), back.frame(k).positions(), 0f, "frame " + k);
        }
    }

    @Property(tries = 30)
    void staticMeshReadsBackExactly(@ForAll("anySequences") MeshSequence s) throws IOException {
        Path file = dir.resolve("static.glb");
        TriangleMesh m = s.frame(0);
        GlbWriter.writeMesh(file, m);
        TriangleMesh back = GltfReader.readMesh(file);
        assertArrayEquals(m.faces(), back.faces());
        assertArrayEquals(m.positions(), back.positions(), 0f);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left beside the GLB");
        }
    }
}
