package org.sculpt4d.geometry.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TestMeshes;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A damaged GLB either still reads as valid frames or fails with a {@link MeshFormatException} naming the file:
 * never another exception. Every truncation is rejected, at the GLB header's length field.
 */
class CorruptGlbProperties {
    private final Path dir;
    private final byte[] glb;

    CorruptGlbProperties() throws IOException {
        dir = Files.createTempDirectory("corrupt-glb");
        TriangleMesh cube = TestMeshes.cube();
        float[] moved = cube.positions().clone();
        for (int i = 0; i < moved.length; i++) moved[i] *= 1.5f;
        Path file = dir.resolve("good.glb");
        GlbWriter.writeMorphAnimation(file, new MeshSequence(List.of(cube, cube.withPositions(moved))), 24f);
        glb = Files.readAllBytes(file);
        Files.delete(file);
    }

    @AfterProperty
    void removeFolder() throws IOException {
        Files.delete(dir);
    }

    @Property(tries = 60)
    void truncatedGlbIsRejected(@ForAll @IntRange(min = 0, max = 2000) int cut) throws IOException {
        Path file = dir.resolve("cut.glb");
        Files.write(file, Arrays.copyOf(glb, Math.min(cut, glb.length - 1)));
        try {
            MeshFormatException e = assertThrows(MeshFormatException.class, () -> GltfReader.read(file));
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 150)
    void damagedGlbReadsOrFailsCleanly(@ForAll @IntRange(min = 0, max = 100_000) int position,
                                       @ForAll @IntRange(min = 1, max = 255) int flip) throws IOException {
        Path file = dir.resolve("flipped.glb");
        byte[] damaged = glb.clone();
        damaged[position % damaged.length] ^= (byte) flip;
        Files.write(file, damaged);
        try {
            GltfReader.Animation a = GltfReader.read(file);
            assertTrue(a.sequence().frameCount() >= 1); // constructed, hence valid meshes
        } catch (MeshFormatException e) {
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith(file + ": " + e.position() + ": "), e.getMessage());
        } catch (IOException | RuntimeException e) {
            fail("not a MeshFormatException: " + e, e);
        } finally {
            Files.delete(file);
        }
    }
}
