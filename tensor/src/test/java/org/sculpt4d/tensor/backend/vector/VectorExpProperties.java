package org.sculpt4d.tensor.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorExp}, both forms: accuracy against {@code Math.exp} (in double, rounded once to float), IEEE special
 * values, and the reason it exists: the same bits with and without the JIT (a child JVM run with {@code -Xint}).
 */
class VectorExpProperties {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static float[] exp(float[] x) {
        float[] y = new float[x.length];
        int i = 0;
        for (; i + S.length() <= x.length; i += S.length()) VectorExp.exp(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        float[] tail = Arrays.copyOf(Arrays.copyOfRange(x, i, x.length), S.length());
        float[] yt = new float[S.length()];
        VectorExp.exp(FloatVector.fromArray(S, tail, 0)).intoArray(yt, 0);
        System.arraycopy(yt, 0, y, i, x.length - i);
        return y;
    }

    /** {@link VectorExp#expNonPositive} lane by lane (the array's length a multiple of the vector length). */
    static float[] expNonPositive(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += S.length()) VectorExp.expNonPositive(FloatVector.fromArray(S, x, i)).intoArray(y, i);
        return y;
    }

    static float expNonPositive(float x) {
        float[] v = new float[S.length()];
        Arrays.fill(v, x);
        return expNonPositive(v)[0];
    }

    static float exp(float x) {
        float[] v = new float[S.length()];
        Arrays.fill(v, x);
        return exp(v)[0];
    }

    /** Within 2 ulp of the correctly rounded value wherever that is a normal float (the Cephes bound). */
    @Property(tries = 3000)
    void withinTwoUlpOnNormalResults(@ForAll @FloatRange(min = -87.3f, max = 88.7f) float x) {
        assertWithinTwoUlp(x, exp(x));
    }

    private static void assertWithinTwoUlp(float x, float got) {
        float want = (float) Math.exp(x);
        assertTrue(Math.abs(got - want) <= 2 * Math.ulp(want), x + ": " + got + " vs " + want);
    }

    /** Subnormal results keep their absolute accuracy (a few units of the smallest subnormal). */
    @Property(tries = 1000)
    void subnormalResultsAreNearlyExact(@ForAll @FloatRange(min = -103.9f, max = -87.3f) float x) {
        float want = (float) Math.exp(x);
        assertTrue(Math.abs(exp(x) - want) <= 2 * Math.ulp(Float.MIN_NORMAL), x + ": " + exp(x) + " vs " + want);
    }

    /** The softmax form: within 2 ulp on [−87.3, 0] as well (Estrin's order of the same polynomial). */
    @Property(tries = 3000)
    void nonPositiveFormWithinTwoUlp(@ForAll @FloatRange(min = -87.3f, max = 0f) float x) {
        assertWithinTwoUlp(x, expNonPositive(x));
    }

    /** Below −87.3 the softmax form gives 0 (exp is then under 2⁻¹²⁶), including −∞; NaN stays NaN. */
    @Property(tries = 300)
    void nonPositiveFormIsZeroBelowTheNormalRange(@ForAll @FloatRange(min = -1e30f, max = -87.31f) float x) {
        assertEquals(0f, expNonPositive(x));
        assertEquals(0f, expNonPositive(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(expNonPositive(Float.NaN)));
        assertEquals(1f, expNonPositive(0f));
        assertEquals(1f, expNonPositive(-0f));
    }

    @Test
    void specialValues() {
        assertEquals(1f, exp(0f));
        assertEquals(1f, exp(-0f));
        assertEquals(0f, exp(Float.NEGATIVE_INFINITY));
        assertEquals(0f, exp(-200f));
        assertEquals(Float.POSITIVE_INFINITY, exp(Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, exp(89f));
        assertTrue(Float.isNaN(exp(Float.NaN)));
        assertEquals((float) Math.E, exp(1f), Math.ulp((float) Math.E));
    }

    /** Inputs spanning the whole range, as a fixed sequence. */
    static float[] sweep() {
        float[] x = new float[20_011];
        for (int i = 0; i < x.length; i++) x[i] = -110f + 200f * i / (x.length - 1);
        return x;
    }

    /** The hashes of both forms over the sweep, as one line. */
    static String hashes(float[] x) {
        float[] nonPositive = Arrays.copyOf(x, x.length / S.length() * S.length());
        for (int i = 0; i < nonPositive.length; i++) nonPositive[i] = Math.min(nonPositive[i], 0f);
        return Arrays.hashCode(exp(x)) + " " + Arrays.hashCode(expNonPositive(nonPositive));
    }

    /** Prints {@link #hashes} of the sweep: run by the test below in a JVM without the JIT. */
    public static void main(String[] args) {
        System.out.println(hashes(sweep()));
    }

    @Test
    void sameBitsWithoutTheJit() throws IOException, InterruptedException {
        float[] x = sweep();
        for (int warm = 0; warm < 200; warm++) hashes(x);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), VectorExpProperties.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor());
        assertEquals(hashes(x), out, "interpreted vs compiled VectorExp (exp, expNonPositive)");
    }
}
