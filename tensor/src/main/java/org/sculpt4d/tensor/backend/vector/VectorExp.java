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
        FloatVector xc = x.max(-104f).min(89f);
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

    /** {@code 2^k} for {@code −126 ≤ k ≤ 127}, built from its exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }
}
