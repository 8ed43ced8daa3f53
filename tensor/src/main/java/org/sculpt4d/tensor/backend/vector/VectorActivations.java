package org.sculpt4d.tensor.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.sculpt4d.tensor.backend.UnaryOp;

/**
 * SIMD versions of the activations that run over every hidden unit of every MLP (GELU, SiLU) and of exp, all
 * through {@link VectorExp} so that results do not depend on JIT state.
 * The scalar definitions in {@link UnaryOp} remain the oracle.
 *
 * <p>GELU's erf uses Abramowitz &amp; Stegun 7.1.26, {@code erf(x) ≈ 1 − t·(a1 + t·(a2 + ...))·e^{−x²}},
 * {@code t = 1/(1 + p·|x|)}, with absolute error ≤ 1.5e-7 (2–3 float ulps near 1): GELU is then within
 * {@code 1e-7·|x|} of the exact erf form, far below the float32 noise of the GEMM that feeds it.
 */
final class VectorActivations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float P = 0.3275911f;
    private static final float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private static final float INV_SQRT2 = 0.70710678118654752f;

    private VectorActivations() {
    }

    /** Whether this class has a SIMD version of {@code op}. */
    static boolean supports(UnaryOp op) {
        return op == UnaryOp.GELU || op == UnaryOp.SILU || op == UnaryOp.EXP;
    }

    /** {@code y[yOff + i] = op(x[xOff + i])} for {@code i} in {@code [from, to)}. */
    static void map(UnaryOp op, float[] x, int xOff, float[] y, int yOff, int from, int to) {
        switch (op) {
            case GELU: gelu(x, xOff, y, yOff, from, to); break;
            case SILU: silu(x, xOff, y, yOff, from, to); break;
            case EXP: exp(x, xOff, y, yOff, from, to); break;
            default: throw new IllegalArgumentException("no SIMD version of " + op);
        }
    }

    private static void gelu(float[] x, int xOff, float[] y, int yOff, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            FloatVector z = v.mul(INV_SQRT2);
            FloatVector az = z.abs();
            FloatVector t = FloatVector.broadcast(S, 1f).div(az.fma(P, 1f));
            FloatVector poly = t.fma(A5, A4).fma(t, FloatVector.broadcast(S, A3)).fma(t, FloatVector.broadcast(S, A2))
                    .fma(t, FloatVector.broadcast(S, A1)).mul(t);
            FloatVector e = VectorExp.exp(az.mul(az).neg());
            FloatVector erfAbs = poly.mul(e).neg().add(1f);
            FloatVector erf = erfAbs.blend(erfAbs.neg(), z.lt(0f));
            v.mul(0.5f).mul(erf.add(1f)).intoArray(y, yOff + i);
        }
        for (; i < to; i++) y[yOff + i] = UnaryOp.GELU.apply(x[xOff + i]);
    }

    private static void silu(float[] x, int xOff, float[] y, int yOff, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.div(VectorExp.exp(v.neg()).add(1f)).intoArray(y, yOff + i);
        }
        for (; i < to; i++) y[yOff + i] = UnaryOp.SILU.apply(x[xOff + i]);
    }

    private static void exp(float[] x, int xOff, float[] y, int yOff, int from, int to) {
        int i = from;
        for (int bound = from + S.loopBound(to - from); i < bound; i += S.length()) {
            VectorExp.exp(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < to; i++) y[yOff + i] = UnaryOp.EXP.apply(x[xOff + i]);
    }
}
