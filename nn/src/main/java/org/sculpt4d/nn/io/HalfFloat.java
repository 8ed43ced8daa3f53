package org.sculpt4d.nn.io;

/**
 * Widening of IEEE 754 binary16 ("half", torch.float16) and bfloat16 (torch.bfloat16) bit patterns to float32, and
 * rounding of float32 to the nearest binary16 value. Both widenings
 * are exact: every finite value of either format is a float32. NaNs keep their sign and payload; a signalling half
 * NaN comes back quiet, as PyTorch's {@code Tensor.float()} returns it (c10 {@code fp16_ieee_to_fp32_value}), so the
 * result matches PyTorch bit for bit. ({@code Float.float16ToFloat} would do the same on JDK 20+, minus the quieting;
 * this project targets JDK 17.)
 */
public final class HalfFloat {
    private static final float[] HALF = new float[1 << 16];

    static {
        for (int h = 0; h < HALF.length; h++) HALF[h] = widen(h);
    }

    private HalfFloat() {
    }

    /** The float32 value of the binary16 bit pattern {@code bits}. */
    public static float toFloat(short bits) {
        return HALF[bits & 0xFFFF];
    }

    /**
     * {@code x} rounded to the nearest binary16 value (ties to even), as a float32: what {@code x.half().float()} gives
     * in PyTorch. Magnitudes from 65520 up become infinite; NaN and infinities pass through.
     */
    public static float roundToHalf(float x) {
        if (Float.isNaN(x) || Float.isInfinite(x)) return x;
        float a = Math.abs(x);
        if (a >= 65520f) return Math.copySign(Float.POSITIVE_INFINITY, x);
        // the spacing of binary16 values around a: 2^(e − 10) for normals (e ≥ −14), 2^−24 for subnormals;
        // a / ulp is exact in double and rint rounds half to even
        double ulp = Math.scalb(1.0, Math.max(Math.getExponent(a), -14) - 10);
        return Math.copySign((float) (Math.rint(a / ulp) * ulp), x);
    }

    /** The float32 value of the bfloat16 bit pattern {@code bits}: bfloat16 is the top half of a float32. */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** binary16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. */
    private static float widen(int h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int fraction = h & 0x3FF;
        if (exponent == 0x1F) { // infinity, or NaN made quiet
            return Float.intBitsToFloat(sign | 0x7F800000 | (fraction == 0 ? 0 : 0x400000 | fraction << 13));
        }
        if (exponent != 0) { // normal: rebias 15 -> 127
            return Float.intBitsToFloat(sign | (exponent + 112) << 23 | fraction << 13);
        }
        float magnitude = fraction * 0x1p-24f; // zero or subnormal: fraction * 2^-24, exact
        return sign == 0 ? magnitude : -magnitude;
    }
}
