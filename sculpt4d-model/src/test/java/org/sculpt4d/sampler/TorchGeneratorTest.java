package org.sculpt4d.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.StoredTensor;

/**
 * {@link TorchGenerator} against {@code torch.manual_seed(s); torch.randn(shape)} from torch 1.13's AVX2 kernel
 * ({@code golden-outputs/generator/torch_randn_fixture.py}): exact equality of the float bits.
 */
class TorchGeneratorTest {
    private static SafeTensorsFile fixture;

    @BeforeAll
    static void open() throws IOException, URISyntaxException {
        fixture = SafeTensorsFile.open(Path.of(TorchGeneratorTest.class.getResource("torch-randn.safetensors").toURI()));
    }

    @AfterAll
    static void close() throws IOException {
        fixture.close();
    }

    @Test
    void fixtureWasWrittenByTheAvx2Kernel() {
        assertTrue(fixture.metadata().get("kernel").startsWith("avx2"), fixture.metadata().toString());
    }

    @Test
    void everyStoredDrawIsReproducedBitForBit() throws IOException {
        int cases = 0;
        for (Map.Entry<String, StoredTensor> e : fixture.stateDict().tensors().entrySet()) {
            String name = e.getKey();
            if (name.split("\\.").length != 3) continue; // the large cases' parts
            float[] want = e.getValue().toFloat().toArray();
            float[] got = draw(name).toArray();
            assertBitsEqual(name, want, got);
            cases++;
        }
        assertEquals(18, cases, "cases in the fixture");
    }

    @Test
    void largeDrawsMatchHeadTailAndChecksum() throws IOException {
        for (String name : new String[] {"randn.1234.3x4096x64", "randn.0.4096x64"}) {
            float[] got = draw(name).toArray();
            float[] head = fixture.stateDict().get(name + ".head").toFloat().toArray();
            float[] tail = fixture.stateDict().get(name + ".tail").toFloat().toArray();
            assertBitsEqual(name + " head", head, Arrays.copyOfRange(got, 0, head.length));
            assertBitsEqual(name + " tail", tail, Arrays.copyOfRange(got, got.length - tail.length, got.length));
            long crc = fixture.stateDict().get(name + ".crc32").toLongs()[0];
            assertEquals(crc, crc32(got), name + " CRC-32 of all values");
        }
    }

    @Test
    void consecutiveCallsContinueOneStream() {
        // torch.randn(16) twice equals the two halves of drawing 16 values, then 16 more, from one seed
        TorchGenerator g = new TorchGenerator(7);
        float[] a = g.randn(16).toArray();
        float[] b = g.randn(16).toArray();
        assertBitsEqual("reseeded first block", a, new TorchGenerator(7).randn(16).toArray());
        assertFalse(Arrays.equals(a, b), "the second draw continues the stream");
    }

    /** Blocks of 16 before the redrawn tail are the same whatever the total size (the uniforms come in order). */
    @Property(tries = 40)
    void valuesBeforeTheRedrawnTailDoNotDependOnTheSize(@ForAll long seed, @ForAll @IntRange(min = 16, max = 400) int n) {
        int whole = n / 16 * 16;
        int kept = Math.min(whole, n - 16);
        float[] a = new TorchGenerator(seed).randn(n).toArray();
        float[] b = new TorchGenerator(seed).randn(whole).toArray();
        assertArrayEquals(Arrays.copyOf(b, kept), Arrays.copyOf(a, kept), 0f);
    }

    /** Moments of 2²⁰ draws: mean 0 and variance 1 within 6 standard errors, 68.27 % within one sigma. */
    @Test
    void largeDrawIsStandardNormal() {
        float[] x = new TorchGenerator(99).randn(1 << 20).toArray();
        double sum = 0, sq = 0;
        int inside = 0;
        for (float v : x) {
            sum += v;
            sq += (double) v * v;
            if (Math.abs(v) < 1) inside++;
        }
        int n = x.length;
        assertEquals(0, sum / n, 6 / Math.sqrt(n));
        assertEquals(1, sq / n, 6 * Math.sqrt(2.0 / n));
        assertEquals(0.6827, (double) inside / n, 6 * Math.sqrt(0.6827 * 0.3173 / n));
    }

    /** Parses {@code randn.<seed>.<d0>x<d1>...} and draws it. */
    private static org.sculpt4d.tensor.Tensor draw(String name) {
        String[] parts = name.split("\\.");
        long seed = Long.parseLong(parts[1]);
        int[] shape = Arrays.stream(parts[2].split("x")).mapToInt(Integer::parseInt).toArray();
        return new TorchGenerator(seed).randn(shape);
    }

    private static void assertBitsEqual(String what, float[] want, float[] got) {
        assertEquals(want.length, got.length, what + " size");
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) {
                throw new AssertionError(what + ": first difference at " + i + ": torch " + want[i] + ", got " + got[i]
                        + " (" + mismatches(want, got) + " of " + want.length + " differ)");
            }
        }
    }

    private static int mismatches(float[] want, float[] got) {
        int n = 0;
        for (int i = 0; i < want.length; i++) if (Float.floatToRawIntBits(want[i]) != Float.floatToRawIntBits(got[i])) n++;
        return n;
    }

    private static long crc32(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) b.putFloat(v);
        CRC32 crc = new CRC32();
        crc.update(b.array());
        return crc.getValue();
    }
}
