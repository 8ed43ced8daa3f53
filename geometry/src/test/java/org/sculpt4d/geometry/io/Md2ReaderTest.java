package org.sculpt4d.geometry.io;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.geometry.MeshMeasures;
import org.sculpt4d.geometry.MeshSequence;
import org.sculpt4d.geometry.TriangleMesh;
import org.sculpt4d.geometry.assets.BundledAnimations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link Md2Reader} on the bundled Irrlicht faerie (a real MD2 file) and on damaged copies of it. */
class Md2ReaderTest {
    private static final Path NAME = Path.of("faerie.md2");
    private static final byte[] FAERIE = faerieBytes();

    private static byte[] faerieBytes() {
        try (InputStream in = BundledAnimations.class.getResourceAsStream("faerie.md2")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void faerieHasItsDeclaredFramesOverOneTopology() throws MeshFormatException {
        Md2Reader.Md2Model model = Md2Reader.read(FAERIE, NAME);
        MeshSequence seq = model.sequence();
        assertEquals(198, seq.frameCount());
        assertEquals(le(FAERIE).getInt(40), seq.frameCount());
        assertEquals(le(FAERIE).getInt(24), seq.frame(0).vertexCount());
        assertEquals(le(FAERIE).getInt(32), seq.frame(0).faceCount());
        assertTrue(seq.fixedTopology());
        assertEquals("stand01", model.frameNames().get(0));
        assertTrue(model.frameNames().stream().anyMatch(n -> n.startsWith("run")), model.frameNames().toString());
    }

    @Test
    void decodedVerticesFollowScaleAndTranslate() throws MeshFormatException {
        // the last vertex of the last frame, decoded here straight from the bytes
        ByteBuffer b = le(FAERIE);
        int vertices = b.getInt(24), frames = b.getInt(40), frameSize = b.getInt(16), frameOffset = b.getInt(56);
        int frame = frameOffset + (frames - 1) * frameSize;
        int v = frame + 40 + 4 * (vertices - 1);
        double[] quake = new double[3];
        for (int a = 0; a < 3; a++) {
            quake[a] = (FAERIE[v + a] & 0xff) * (double) b.getFloat(frame + 4 * a) + b.getFloat(frame + 12 + 4 * a);
        }
        float[] p = Md2Reader.read(FAERIE, NAME).sequence().frame(frames - 1).positions();
        int i = 3 * (vertices - 1);
        assertEquals(quake[0], p[i], 1e-4);
        assertEquals(quake[2], p[i + 1], 1e-4); // z up becomes y up
        assertEquals(-quake[1], p[i + 2], 1e-4);
    }

    @Test
    void faerieStandsUprightFacesOutwardAndMoves() throws MeshFormatException {
        MeshSequence seq = Md2Reader.read(FAERIE, NAME).sequence();
        TriangleMesh first = seq.frame(0);
        double[] extent = extent(first);
        assertTrue(extent[1] > 30 && extent[1] < 120, "height " + extent[1]);
        assertTrue(extent[1] > extent[0] && extent[1] > extent[2], Arrays.toString(extent));
        // counter-clockwise seen from outside: the enclosed volume comes out positive
        assertTrue(MeshMeasures.signedVolume(first) > 0, "signed volume " + MeshMeasures.signedVolume(first));
        double largest = 0;
        for (int t = 1; t < seq.frameCount(); t++) largest = Math.max(largest, maxDisplacement(first, seq.frame(t)));
        assertTrue(largest > 0.1 * extent[1], "largest displacement " + largest);
        assertTrue(maxDisplacement(seq.frame(0), seq.frame(1)) < 0.2 * extent[1], "neighbouring keyframes are close");
    }

    @Test
    void bundledAccessorReadsTheSameModel() throws MeshFormatException {
        MeshSequence bundled = BundledAnimations.faerie();
        MeshSequence read = Md2Reader.read(FAERIE, NAME).sequence();
        assertEquals(read.frameCount(), bundled.frameCount());
        assertArrayEquals(read.frame(97).positions(), bundled.frame(97).positions());
    }

    @Test
    void wrongMagicVersionAndIndicesNameTheirByte() {
        byte[] magic = FAERIE.clone();
        magic[3] = '3';
        assertEquals("byte 0", assertThrows(MeshFormatException.class, () -> Md2Reader.read(magic, NAME)).position());
        byte[] version = FAERIE.clone();
        le(version).putInt(4, 7);
        assertEquals("byte 4", assertThrows(MeshFormatException.class, () -> Md2Reader.read(version, NAME)).position());
        byte[] index = FAERIE.clone();
        int triangles = le(index).getInt(52);
        le(index).putShort(triangles + 12 * 5 + 2, (short) le(index).getInt(24));
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> Md2Reader.read(index, NAME));
        assertEquals("byte " + (triangles + 62), e.position());
        assertTrue(e.getMessage().startsWith("faerie.md2: byte " + (triangles + 62) + ": triangle 5 refers to vertex"),
                e.getMessage());
    }

    @Property(tries = 60)
    void truncatedCopiesAreRejectedAtAnOffsetInside(@ForAll @IntRange(min = 0, max = 320_995) int length) {
        byte[] part = Arrays.copyOf(FAERIE, length);
        MeshFormatException e = assertThrows(MeshFormatException.class, () -> Md2Reader.read(part, NAME));
        assertEquals(NAME, e.file());
        long at = Long.parseLong(e.position().substring("byte ".length()));
        assertTrue(at >= 0 && at <= length, e.getMessage());
    }

    @Property(tries = 200)
    void flippedBytesReadOrFailCleanly(@ForAll @IntRange(min = 0, max = 320_995) int where,
            @ForAll @IntRange(min = 1, max = 255) int mask, @ForAll boolean inHeader) {
        byte[] b = FAERIE.clone();
        b[inHeader ? where % 68 : where] ^= (byte) mask;
        try {
            assertTrue(Md2Reader.read(b, NAME).sequence().fixedTopology());
        } catch (MeshFormatException e) {
            assertTrue(e.getMessage().startsWith(NAME + ": byte "), e.getMessage());
        } catch (RuntimeException e) {
            fail("not a MeshFormatException: " + e, e);
        }
    }

    private static double[] extent(TriangleMesh m) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] p = m.positions();
        for (int i = 0; i < p.length; i++) {
            lo[i % 3] = Math.min(lo[i % 3], p[i]);
            hi[i % 3] = Math.max(hi[i % 3], p[i]);
        }
        return new double[] {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
    }

    private static double maxDisplacement(TriangleMesh a, TriangleMesh b) {
        float[] p = a.positions(), q = b.positions();
        double max = 0;
        for (int i = 0; i < p.length; i += 3) {
            max = Math.max(max, Math.sqrt(sq(p[i] - q[i]) + sq(p[i + 1] - q[i + 1]) + sq(p[i + 2] - q[i + 2])));
        }
        return max;
    }

    private static double sq(double x) {
        return x * x;
    }
}
