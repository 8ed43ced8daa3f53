package org.sculpt4d.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.BackendProvider;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.ScalarBackend;
import org.sculpt4d.tensor.backend.UnaryOp;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;

/**
 * The backend is found and usable under TornadoVM, and it really runs on the device: the device GELU uses its own
 * erf (ElementwiseKernels.erf) whose float32 results differ from the scalar oracle's in the last bits for some inputs
 * (a CPU fallback would give the scalar bits exactly), while the tensor module's properties (run again in this module)
 * bound the difference.
 */
class TornadoBackendTest {

    @Test
    void isFoundThroughTheServiceLoaderAndUsable() {
        BackendProvider tornado = Backends.providers().stream().filter(p -> p.name().equals("tornado")).findFirst()
                .orElseThrow();
        assertNull(tornado.unavailableReason());
        assertInstanceOf(TornadoBackend.class, Backends.select("tornado"));
        assertEquals("vector", Backends.select(null).name(), "the device is used only when asked for");
        System.out.println("tornado device: " + TornadoExecutionPlan.DEFAULT_DEVICE.getPhysicalDevice().getDeviceName());
    }

    @Test
    void geluRunsOnTheDevice() {
        int n = 100_000;
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 12 - 6);
        float[] device = new float[n], scalar = new float[n];
        new TornadoBackend().map(UnaryOp.GELU, n, x, 0, device, 0);
        new ScalarBackend().map(UnaryOp.GELU, n, x, 0, scalar, 0);
        int differ = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(scalar[i], device[i], 2e-6f * Math.max(1, Math.abs(scalar[i])));
            if (scalar[i] != device[i]) differ++;
        }
        assertTrue(differ > 0, "bit-identical to the scalar backend: did the kernel run on the device?");
    }

    /**
     * A weight marked constant is uploaded once: breaking the promise (changing the array afterwards) is invisible
     * to later products, which still use the device copy; an unmarked B is uploaded on every call.
     */
    @Test
    void constantWeightsStayOnTheDevice() {
        int m = 7, n = 33, k = 20;
        SplittableRandom r = new SplittableRandom(5);
        float[] a = new float[m * k], w = new float[n * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] before = new float[m * n];
        new ScalarBackend().gemm(m, n, k, a, 0, k, w, 0, k, true, before, 0, n, false);

        TornadoBackend tornado = new TornadoBackend();
        tornado.constant(w);
        float[] first = new float[m * n];
        tornado.gemm(m, n, k, a, 0, k, w, 0, k, true, first, 0, n, false);
        for (int i = 0; i < w.length; i++) w[i] += 1f;
        float[] second = new float[m * n];
        tornado.gemm(m, n, k, a, 0, k, w, 0, k, true, second, 0, n, false);
        float[] unmarked = new float[m * n];
        tornado.gemm(m, n, k, a, 0, k, w.clone(), 0, k, true, unmarked, 0, n, false);
        for (int i = 0; i < m * n; i++) {
            assertEquals(before[i], first[i], 1e-5f * k);
            assertEquals(first[i], second[i], 0f, "the device copy of the constant weight is used");
            double rowSum = 0; // (w + 1)·a differs from w·a by the sum of a's row
            for (int x = 0; x < k; x++) rowSum += a[(i / n) * k + x];
            assertEquals(rowSum, unmarked[i] - first[i], 1e-4 * k, "an unmarked B is uploaded anew");
        }
    }
}
