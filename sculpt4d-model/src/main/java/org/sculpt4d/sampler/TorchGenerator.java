package org.sculpt4d.sampler;

import org.sculpt4d.tensor.Tensor;

/**
 * PyTorch's default CPU generator: {@code new TorchGenerator(seed).randn(shape)} reproduces
 * {@code torch.manual_seed(seed); torch.randn(shape)} (float32) bit for bit, as torch 1.13 computes it on a CPU whose
 * ATen kernels run at the AVX2 capability (spec hunyuan3d21-shape.md §8).
 *
 * <p>The layout ({@code normal_kernel} in {@code ATen/native/cpu/DistributionTemplates.h}):
 * <ul>
 *   <li>fewer than 16 values: one at a time from the double-precision Box–Muller of {@code normal_distribution<double>},
 *       whose second value is cached in the generator for the next draw, each value then cast to float;</li>
 *   <li>16 or more: every value is first a float uniform {@code (u32 & 0xFFFFFF)·2⁻²⁴}; then each block of 16 becomes
 *       8 pairs {@code (j, j+8)}: {@code r = √(−2·log(1 − d[j]))}, {@code θ = float(2π)·d[j+8]}, {@code d[j] = r·cos θ},
 *       {@code d[j+8] = r·sin θ} with the float32 Cephes functions of {@link CephesAvx2}; when the size is not a
 *       multiple of 16 the last 16 values are redrawn from 16 fresh uniforms and transformed again.</li>
 * </ul>
 * Other capabilities (AVX-512, the default scalar kernel) use libm {@code logf}/{@code cosf}/{@code sinf} instead and
 * differ in the last bits: with {@code ATEN_CPU_CAPABILITY=default}, 61.6 % of 10⁵ values equal the AVX2 ones, the
 * others differ by up to 2.1e-6 (seeds 1234 and 3). Draws of fewer than 16 values do not depend on the capability.
 * Not thread-safe: one generator is one sequential stream, like torch's.
 */
public final class TorchGenerator {
    private static final float TWO_PI = (float) (2.0 * Math.PI); // _mm256_set1_ps(2.0f * c10::pi<double>)
    private static final int BLOCK = 16;

    private final Mt19937 engine;
    private double cachedNormal = Double.NaN; // next_double_normal_sample, empty after seeding

    /** A generator seeded like {@code torch.manual_seed(seed)} (only the low 32 bits reach MT19937, as in torch). */
    public TorchGenerator(long seed) {
        engine = new Mt19937(seed);
    }

    /** {@code torch.randn(shape)}: standard normal float32 values, drawn in one call. */
    public Tensor randn(int... shape) {
        Tensor t = Tensor.zeros(shape);
        fillNormal(t.data());
        return t;
    }

    /** Fills {@code out} as {@code torch.randn(out.length)} would. */
    public void fillNormal(float[] out) {
        int n = out.length;
        if (n < BLOCK) {
            for (int i = 0; i < n; i++) out[i] = (float) nextDoubleNormal();
            return;
        }
        float[] sinCos = new float[2];
        for (int i = 0; i < n; i++) out[i] = nextFloatUniform();
        for (int i = 0; i + BLOCK <= n; i += BLOCK) boxMuller16(out, i, sinCos);
        if (n % BLOCK != 0) {
            int tail = n - BLOCK;
            for (int i = 0; i < BLOCK; i++) out[tail + i] = nextFloatUniform();
            boxMuller16(out, tail, sinCos);
        }
    }

    /** {@code uniform_real_distribution<float>(0, 1)}: 24 random bits scaled by 2⁻²⁴. */
    float nextFloatUniform() {
        return (engine.nextUnsigned() & 0xFFFFFF) * 0x1.0p-24f;
    }

    /** {@code uniform_real_distribution<double>(0, 1)}: {@code random64()} (first draw high) masked to 53 bits. */
    double nextDoubleUniform() {
        long hi = engine.nextUnsigned();
        long lo = engine.nextUnsigned();
        return (((hi << 32) | lo) & ((1L << 53) - 1)) * 0x1.0p-53;
    }

    /** {@code normal_distribution<double>(0, 1)} with torch's one-value cache. */
    double nextDoubleNormal() {
        if (!Double.isNaN(cachedNormal)) {
            double v = cachedNormal;
            cachedNormal = Double.NaN;
            return v;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double r = Math.sqrt(-2.0 * StrictMath.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * StrictMath.sin(theta);
        return r * StrictMath.cos(theta);
    }

    /** {@code normal_fill_16_AVX2} on {@code d[at .. at+16)} (mean 0, std 1: the final fmadd is exact). */
    private static void boxMuller16(float[] d, int at, float[] sc) {
        for (int j = 0; j < BLOCK / 2; j++) {
            float u1 = 1f - d[at + j]; // [0, 1) → (0, 1] for the log
            float u2 = d[at + j + 8];
            float radius = (float) Math.sqrt(-2f * CephesAvx2.log(u1));
            CephesAvx2.sincos(TWO_PI * u2, sc, 0);
            d[at + j] = radius * sc[1] + 0f; // _mm256_fmadd_ps(n, std = 1, mean = 0) turns −0 into +0
            d[at + j + 8] = radius * sc[0] + 0f;
        }
    }
}
