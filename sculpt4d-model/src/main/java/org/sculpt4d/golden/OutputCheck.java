package org.sculpt4d.golden;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.sculpt4d.nn.io.StoredTensor;

/**
 * One output compared with the bundle's expectation: it passes when the shapes agree and every element satisfies
 * {@code |got − want| ≤ atol + rtol·|want|} (golden-format.md; two NaNs agree, one NaN is an infinite error).
 *
 * @param maxAbs  the largest {@code |got − want|}
 * @param maxRel  the largest {@code |got − want| / |want|} (an error where {@code want = 0} counts as infinite)
 * @param used    the largest share of the allowance used, {@code |got − want| / (atol + rtol·|want|)}: at most 1 when
 *                the output passes (an error where the allowance is 0 counts as infinite)
 * @param worst   the multi-index of the element where {@code used} is largest (of those, the largest error): the
 *                worst failing element, or the one closest to failing; empty for an empty output
 * @param problem why the output could not be compared element by element (a shape mismatch), or null
 */
public record OutputCheck(String name, int[] shape, double maxAbs, double maxRel, double used, int[] worst,
                          boolean passed, String problem) {

    static OutputCheck compare(String name, Computed got, StoredTensor want, double rtol, double atol) throws IOException {
        int[] shape = want.shape();
        if (!Arrays.equals(got.shape(), shape)) {
            return new OutputCheck(name, shape, Double.NaN, Double.NaN, Double.NaN, new int[0], false,
                    "computed shape " + Arrays.toString(got.shape()) + ", expected " + Arrays.toString(shape));
        }
        double[] w = values(want);
        double[] g = got.values();
        double maxAbs = 0, maxRel = 0, used = 0, worstErr = 0;
        int worst = -1;
        boolean passed = true;
        for (int i = 0; i < w.length; i++) {
            double err = Double.isNaN(g[i]) && Double.isNaN(w[i]) ? 0
                    : Double.isNaN(g[i]) || Double.isNaN(w[i]) ? Double.POSITIVE_INFINITY : Math.abs(g[i] - w[i]);
            double allowed = atol + rtol * Math.abs(w[i]);
            double share = err == 0 ? 0 : err / allowed;
            if (worst < 0 || share > used || (share == used && err > worstErr)) {
                used = share;
                worstErr = err;
                worst = i;
            }
            passed &= err <= allowed;
            maxAbs = Math.max(maxAbs, err);
            maxRel = Math.max(maxRel, err == 0 ? 0 : err / Math.abs(w[i]));
        }
        return new OutputCheck(name, shape, maxAbs, maxRel, used, worst < 0 ? new int[0] : unravel(worst, shape),
                passed, null);
    }

    private static double[] values(StoredTensor t) throws IOException {
        if (t.dtype().isFloatingPoint()) {
            float[] f = t.toFloat().data();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) d[i] = f[i];
            return d;
        }
        return Arrays.stream(t.toLongs()).asDoubleStream().toArray();
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** {@code PASS hidden [2, 32, 64] max_abs=1.20e-06 max_rel=3.10e-05 worst=[1, 3, 17] used=0.21}. */
    public String describe() {
        String verdict = passed ? "PASS" : "FAIL";
        if (problem != null) return verdict + " " + name + " " + problem;
        return String.format(Locale.ROOT, "%s %s %s max_abs=%.2e max_rel=%.2e worst=%s used=%.2g", verdict, name,
                Arrays.toString(shape), maxAbs, maxRel, Arrays.toString(worst), used);
    }
}
