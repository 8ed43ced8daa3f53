package org.sculpt4d.sampler;

/**
 * The float32 {@code log} and {@code sincos} of PyTorch's {@code ATen/native/cpu/avx_mathfun.h} (Cephes polynomials,
 * after Pommier's sse_mathfun), one lane at a time, exactly as the AVX2 build of {@code torch.randn} evaluates them.
 *
 * <p>GCC compiles those intrinsics with FMA contraction: a product whose only use is an add or subtract becomes one
 * fused multiply-add, taking products in source order. Each {@link Math#fma} below is such a contraction; every other
 * operation rounds on its own. Both facts change the last bits, so they are part of the algorithm here.
 */
final class CephesAvx2 {
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float[] LOG_P = {7.0376836292E-2f, -1.1514610310E-1f, 1.1676998740E-1f, -1.2420140846E-1f,
            +1.4249322787E-1f, -1.6668057665E-1f, +2.0000714765E-1f, -2.4999993993E-1f, +3.3333331174E-1f};
    private static final float LOG_Q1 = -2.12194440e-4f;
    private static final float LOG_Q2 = 0.693359375f;
    private static final float MIN_NORM_POS = Float.intBitsToFloat(0x00800000);

    private static final float MINUS_DP1 = -0.78515625f;
    private static final float MINUS_DP2 = -2.4187564849853515625e-4f;
    private static final float MINUS_DP3 = -3.77489497744594108e-8f;
    private static final float SIN_P0 = -1.9515295891E-4f;
    private static final float SIN_P1 = 8.3321608736E-3f;
    private static final float SIN_P2 = -1.6666654611E-1f;
    private static final float COS_P0 = 2.443315711809948E-005f;
    private static final float COS_P1 = -1.388731625493765E-003f;
    private static final float COS_P2 = 4.166664568298827E-002f;
    private static final float FOPI = 1.27323954473516f;
    private static final int SIGN = 0x80000000;

    private CephesAvx2() {
    }

    /** {@code log256_ps}: natural logarithm, NaN for {@code x <= 0}. */
    static float log(float x0) {
        if (x0 <= 0f) return Float.NaN;
        float x = Math.max(x0, MIN_NORM_POS);
        int bits = Float.floatToRawIntBits(x);
        int exponent = (bits >>> 23) - 0x7f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f)); // mantissa in [0.5, 1)
        float e = (float) exponent + 1f;
        boolean below = x < SQRTHF; // then e -= 1, x = 2x − 1; else x = x − 1
        float tmp = below ? x : 0f;
        x = x - 1f;
        e = e - (below ? 1f : 0f);
        x = x + tmp;
        float z = x * x;
        float y = Math.fma(LOG_P[0], x, LOG_P[1]);
        for (int k = 2; k < LOG_P.length; k++) y = Math.fma(y, x, LOG_P[k]);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        return Math.fma(e, LOG_Q2, x);
    }

    /** {@code sincos256_ps}: writes {@code sin(x)} to {@code out[at]} and {@code cos(x)} to {@code out[at + 1]}. */
    static void sincos(float x0, float[] out, int at) {
        int signSin = Float.floatToRawIntBits(x0) & SIGN;
        float x = Math.abs(x0);
        int j = (int) (x * FOPI); // cvttps: truncation
        j = (j + 1) & ~1;
        float y = (float) j;
        int swapSignSin = (j & 4) << 29;
        boolean polyMask = (j & 2) == 0;
        // extended-precision modular arithmetic: x = ((x − y·DP1) − y·DP2) − y·DP3
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;

        float z = x * x;
        float yc = Math.fma(COS_P0, z, COS_P1);
        yc = Math.fma(yc, z, COS_P2);
        yc = yc * z;
        yc = Math.fma(yc, z, -(z * 0.5f));
        yc = yc + 1f;

        float ys = Math.fma(SIN_P0, z, SIN_P1);
        ys = Math.fma(ys, z, SIN_P2);
        ys = ys * z;
        ys = Math.fma(ys, x, x);

        // the masked selection adds a +0 to the chosen polynomial
        float sin = (polyMask ? ys : yc) + 0f;
        float cos = (polyMask ? yc : ys) + 0f;
        out[at] = Float.intBitsToFloat(Float.floatToRawIntBits(sin) ^ signSin);
        out[at + 1] = Float.intBitsToFloat(Float.floatToRawIntBits(cos) ^ signCos);
    }
}
