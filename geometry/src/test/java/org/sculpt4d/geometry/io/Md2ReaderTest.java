package org.sculpt4d.geometry.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sculpt4d.geometry.TestMeshes.realFile;

class Md2ReaderTest {
    private static final Path FAERIE = realFile("assimp-testmodels-5.2.5/MD2/faerie.md2");

    @Test
    void faerieHas198FramesOfOneTopology() throws IOException {
        Md2Reader.Md2Model model = Md2Reader.read(FAERIE);
        MeshSequence s = model.sequence();
        // header of faerie.md2: 366 vertices, 654 triangles, 198 frames (python struct.unpack of its 68 bytes)
        assertEquals(198, s.frameCount());
        assertEquals(198, model.frameNames().size());
        assertTrue(s.fixedTopology());
        assertEquals(366, s.frame(0).vertexCount());
        assertEquals(654, s.frame(0).faceCount());
        assertTrue(model.frameNames().get(0).startsWith("stand"), model.frameNames().get(0));
        // geometry-references.md §3.2: vertices move up to ~72 units over a ~52-unit body
        double maxMove = 0;
        for (TriangleMesh m : s.frames()) {
            for (int v = 0; v < m.vertexCount(); v++) {
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    double x = m.positions()[3 * v + c] - s.frame(0).positions()[3 * v + c];
                    d += x * x;
                }
                maxMove = Math.max(maxMove, Math.sqrt(d));
            }
        }
        assertTrue(maxMove > 60 && maxMove < 85, "max movement " + maxMove);
        float[] p = s.frame(0).positions();
        float zMin = Float.MAX_VALUE;
        float zMax = -Float.MAX_VALUE;
        for (int v = 0; v < p.length / 3; v++) {
            zMin = Math.min(zMin, p[3 * v + 2]);
            zMax = Math.max(zMax, p[3 * v + 2]);
        }
        assertTrue(zMax - zMin > 40 && zMax - zMin < 65, "height (Quake z up) " + (zMax - zMin));
    }

    @Property(tries = 40)
    void everyTruncationIsRejectedWithAnOffsetInsideTheFile(@ForAll @IntRange(min = 0, max = 320995) int length)
            throws IOException {
        byte[] cut = Arrays.copyOf(Files.readAllBytes(FAERIE), length);
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> Md2Reader.read(cut, FAERIE));
        assertTrue(e.getMessage().startsWith(FAERIE + ": byte "), e.getMessage());
        assertTrue(Long.parseLong(e.position().substring(5)) <= length, e.getMessage());
    }

    @Test
    void aTriangleIndexOutOfRangeIsRejectedAtItsOffset() throws IOException {
        byte[] content = Files.readAllBytes(FAERIE);
        ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        int at = b.getInt(56 - 4) + 12 * 100 + 2; // triangle 100, second corner (offset of triangles at byte 52)
        b.putShort(at, (short) 366);
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> Md2Reader.read(content, FAERIE));
        assertEquals("byte " + at, e.position());
        assertTrue(e.getMessage().contains("triangle 100 refers to vertex 366"), e.getMessage());
    }
}
