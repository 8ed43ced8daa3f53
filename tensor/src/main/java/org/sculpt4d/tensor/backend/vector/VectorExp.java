package org.sculpt4d.tensor.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code exp} for float vectors from adds, multiplies and FMAs only, so that the result is the same bits whether the
 * JIT has compiled the caller or not. {@code lanewise(VectorOperators.EXP)} is not: on JDK 25 the compiled form calls
 * an intrinsic stub while the interpreted form calls {@code Math.exp} per lane, and the two differ in the last ulp,
 * which made attention output depend on warm-up (seen as "1 vs 3 threads" differences in AttentionProperties).
 *
 * <p>Method (Cephes {@code expf}): {@code n = round(x·log2 e)} by the 1.5·2²³ rounding trick,
 * {@code r = x − n·ln 2} in two Cody–Waite parts, {@code exp(r)} by a degree-7 polynomial (relative error ≤ 2 ulp
 * on |r| ≤ ln2/2), then scaled by {@code 2^n} as two exact powers of two {@code 2^(n>>1)·2^(n−(n>>1))}, so that
 * subnormal results and overflow to +inf come out as IEEE multiplication rounds them. Inputs are clamped to
 * [−104, 89] first (exp is 0 below, +inf above); NaN stays NaN.
 */
final class VectorExp {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2²³: adding it rounds to an integer kept in the low mantissa
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    private VectorExp() {
    }

    static FloatVector exp(FloatVector x) {
        // compare and blend, not max/min: Java's max/min order NaN and ±0 and compile to five instructions each
        FloatVector below = x.blend(-104f, x.lt(-104f)), xc = below.blend(89f, below.compare(VectorOperators.GT, 89f));
        FloatVector t = xc.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), xc).add(n.mul(-LN2_LO));
        FloatVector p = r.fma(P0, P1).fma(r, x.broadcast(P2)).fma(r, x.broadcast(P3)).fma(r, x.broadcast(P4))
                .fma(r, x.broadcast(P5));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        IntVector k = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUND)); // = n as an int
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        return y.mul(powerOfTwo(k1)).mul(powerOfTwo(k.sub(k1)));
    }

    /**
     * {@code exp} for softmax arguments, {@code x ≤ 0} (or NaN): the same reduction as {@link #exp}, the same polynomial
     * by Estrin's scheme (3 dependent FMAs instead of Horner's 5: a softmax over a few keys is bound by this chain's
     * latency on Zen's small FP scheduler; the temporal-only kernel's softmax went from 560 to 455 ns per head), and one
     * power-of-two scale, exact because {@code 2^n} with {@code n ≥ −126} is a normal float. Below −87.3 the result is
     * 0 instead of a subnormal value under 2⁻¹²⁶ (an absolute error under 1.2e−38, nothing next to a softmax denominator
     * ≥ 1).
     */
    static FloatVector expNonPositive(FloatVector x) {
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(x.broadcast(-LN2_HI), x).add(n.mul(-LN2_LO));
        FloatVector r2 = r.mul(r);
        // P5 + P4·r + r²·(P3 + P2·r) + r⁴·(P1 + P0·r)
        FloatVector p = r2.fma(r.fma(P0, P1), r.fma(P2, P3)).fma(r2, r.fma(P4, P5));
        FloatVector y = p.fma(r2, r).add(1f);
        IntVector k = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUND)); // = n as an int
        return y.mul(powerOfTwo(k)).blend(0f, x.lt(-87.3f));
    }

    /** {@code 2^k} for {@code −126 ≤ k ≤ 127}, built from its exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
