package org.sculpt4d.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.sculpt4d.nn.io.SafeTensorsFile;
import org.sculpt4d.nn.io.StateDict;
import org.sculpt4d.tensor.Tensor;

class FlowMatchEulerSamplerTest {

    /**
     * Per-step latents against {@code golden-outputs/generator/sampler_reference.py} driving the element-wise toy
     * model {@code v = (1.5 − t)·x + 0.25·cond} in torch float32: bit for bit (schedule, model time, batch order, CFG
     * and update arithmetic all have to be exactly upstream's).
     */
    @Test
    void perStepLatentsMatchTheTorchReferenceExactly() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("sampler-elementwise.safetensors").toURI());
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            StateDict sd = f.stateDict();
            for (String name : List.of("b1t1", "b2t3", "unguided")) {
                int steps = Integer.parseInt(f.metadata().get(name + ".steps"));
                float w = Float.parseFloat(f.metadata().get(name + ".guidance_scale"));
                Tensor noise = sd.load(name + ".noise");
                Tensor want = sd.load(name + ".latents");
                List<float[]> got = new ArrayList<>();
                new FlowMatchEulerSampler(FlowMatchSchedule.of(steps), w)
                        .sample(FlowMatchEulerSamplerTest::toy, noise, sd.load(name + ".cond"), (i, x) -> got.add(x.toArray()));
                assertEquals(steps, got.size());
                int per = noise.size();
                for (int i = 0; i < steps; i++) {
                    float[] ref = Arrays.copyOfRange(want.data(), i * per, (i + 1) * per);
                    assertArrayEquals(ref, got.get(i), 0f, name + " step " + i);
                }
            }
        }
    }

    /** The toy model of sampler_reference.py, op for op: {@code (1.5 − t)·x + 0.25·cond}. */
    private static Tensor toy(Tensor x, float[] t, Tensor cond) {
        Tensor v = Tensor.zeros(x.shape());
        int per = x.size() / x.dim(0);
        for (int k = 0; k < x.size(); k++) {
            float rate = 1.5f - t[k / per];
            v.data()[k] = rate * x.data()[x.offset() + k] + 0.25f * cond.data()[cond.offset() + k];
        }
        return v;
    }

    /**
     * A linear field {@code v = a·x + s·cond + b}: the guided velocity is {@code a·x + w·s·cond + b}, and Euler's
     * trajectory {@code x_{i+1} = x_i + h_i·(a·x_i + w·s·c + b)} with {@code h_i = 1/(N−1)} (the last step 0) is
     * computed here in double, independently of the sampler.
     */
    @Property(tries = 40)
    void linearFieldFollowsTheClosedFormEulerTrajectory(@ForAll @FloatRange(min = -2, max = 2) float a,
            @ForAll @FloatRange(min = -1, max = 1) float s, @ForAll @FloatRange(min = -1, max = 1) float b,
            @ForAll @FloatRange(min = 0, max = 8) float w, @ForAll @IntRange(min = 2, max = 30) int steps) {
        float[] x0 = {0.5f, -1.25f, 2f, 0f, 0.75f, -0.3f};
        float[] c = {1f, 0.5f, -1f, 2f, 0f, -0.25f};
        Tensor noise = Tensor.wrap(x0.clone(), 1, 2, 3), cond = Tensor.wrap(c.clone(), 1, 2, 3);
        VelocityModel linear = (x, t, ctx) -> {
            Tensor v = Tensor.zeros(x.shape());
            for (int k = 0; k < x.size(); k++) v.data()[k] = a * x.data()[k] + s * ctx.data()[k] + b;
            return v;
        };
        float[] got = new FlowMatchEulerSampler(FlowMatchSchedule.of(steps), w).sample(linear, noise, cond).toArray();
        double scale = 1;
        for (int k = 0; k < x0.length; k++) {
            double x = x0[k];
            for (int i = 0; i < steps - 1; i++) x += (1.0 / (steps - 1)) * (a * x + w * s * c[k] + b);
            scale = Math.max(scale, Math.abs(x));
            assertEquals(x, got[k], 2e-5 * Math.max(1, Math.abs(x)) * steps, "element " + k);
        }
    }

    /** CFG on a model whose branches return constants: v = v_u + w·(v_c − v_u), one batch-2 call per step. */
    @Test
    void guidanceCombinesTheBranchesOfOneBatchedCall() {
        List<float[]> times = new ArrayList<>();
        Tensor cond = Tensor.full(2f, 1, 3, 2);
        VelocityModel branches = (x, t, ctx) -> {
            assertArrayEquals(new int[] {2, 4}, x.shape(), "latents batched [x; x]");
            assertArrayEquals(new int[] {2, 3, 2}, ctx.shape(), "context batched [cond; zeros]");
            for (int k = 0; k < 6; k++) {
                assertEquals(2f, ctx.data()[k], "conditional half first");
                assertEquals(0f, ctx.data()[6 + k], "unconditional half all zeros");
            }
            assertArrayEquals(Arrays.copyOfRange(x.data(), 0, 4), Arrays.copyOfRange(x.data(), 4, 8));
            times.add(t.clone());
            Tensor v = Tensor.zeros(2, 4);
            Arrays.fill(v.data(), 0, 4, 3f); // conditional
            Arrays.fill(v.data(), 4, 8, 1f); // unconditional
            return v;
        };
        FlowMatchSchedule schedule = FlowMatchSchedule.of(5);
        float[] out = new FlowMatchEulerSampler(schedule, 5f).sample(branches, Tensor.zeros(1, 4), cond).toArray();
        for (float v : out) assertEquals(11f, v, 1e-5f); // Σ dt = 1, v = 1 + 5·(3 − 1)
        assertEquals(5, times.size(), "every step calls the model, the zero-size last one too");
        for (int i = 0; i < 5; i++) {
            assertEquals(2, times.get(i).length);
            assertEquals(i / 4f, times.get(i)[0], 1e-7f);
            assertEquals(times.get(i)[0], times.get(i)[1]);
        }
    }

    @Property
    void guidanceEndpoints(@ForAll @FloatRange(min = -1e3f, max = 1e3f) float c, @ForAll @FloatRange(min = -1e3f, max = 1e3f) float u,
            @ForAll @FloatRange(min = 0, max = 20) float w) {
        assertEquals(u, FlowMatchEulerSampler.guide(c, u, 0f), "w = 0 gives the unconditional velocity");
        assertEquals(c, FlowMatchEulerSampler.guide(c, c, w), "equal branches are unchanged");
        assertEquals(u + w * (double) (c - u), FlowMatchEulerSampler.guide(c, u, w), 1e-6 * (Math.abs(u) + w * Math.abs(c - u)) + 1e-30);
    }

    @Test
    void negativeGuidanceRunsTheConditionalBranchAlone() {
        VelocityModel model = (x, t, ctx) -> {
            assertEquals(1, x.dim(0));
            return Tensor.full(ctx.data()[0], x.shape());
        };
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(FlowMatchSchedule.of(3), -1f);
        assertFalse(sampler.guided());
        float[] out = sampler.sample(model, Tensor.zeros(1, 2), Tensor.full(4f, 1, 1)).toArray();
        assertArrayEquals(new float[] {4f, 4f}, out);
    }

    /** The zero-size last step changes nothing for a finite model; skipping it saves a call and a NaN there. */
    @Test
    void skippingTheZeroStepKeepsFiniteResultsAndDropsOneCall() {
        int[] calls = new int[1];
        VelocityModel nanAtTheEnd = (x, t, ctx) -> {
            calls[0]++;
            Tensor v = Tensor.zeros(x.shape());
            for (int k = 0; k < x.size(); k++) v.data()[k] = t[0] == 1f ? Float.NaN : -x.data()[k] + ctx.data()[k % 2];
            return v;
        };
        VelocityModel finite = (x, t, ctx) -> {
            Tensor v = Tensor.zeros(x.shape());
            for (int k = 0; k < x.size(); k++) v.data()[k] = -x.data()[k] + t[0];
            return v;
        };
        Tensor noise = Tensor.wrap(new float[] {1f, -2f}, 1, 2), cond = Tensor.wrap(new float[] {0.5f, 0.25f}, 1, 2);
        FlowMatchSchedule s = FlowMatchSchedule.of(6);
        FlowMatchEulerSampler parity = new FlowMatchEulerSampler(s, 2f), skip = new FlowMatchEulerSampler(s, 2f, true);
        assertEquals(6, parity.modelCalls());
        assertEquals(5, skip.modelCalls());
        assertArrayEquals(parity.sample(finite, noise, cond).toArray(), skip.sample(finite, noise, cond).toArray(), 0f);
        assertTrue(Float.isNaN(parity.sample(nanAtTheEnd, noise, cond).toArray()[0]));
        calls[0] = 0;
        float[] skipped = skip.sample(nanAtTheEnd, noise, cond).toArray();
        assertEquals(5, calls[0]);
        assertTrue(Float.isFinite(skipped[0]) && Float.isFinite(skipped[1]));
    }

    @Test
    void mismatchedBatchOrVelocityShapeIsAClearError() {
        FlowMatchEulerSampler sampler = new FlowMatchEulerSampler(FlowMatchSchedule.of(2), 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.sample((x, t, c) -> x, Tensor.zeros(2, 3), Tensor.zeros(1, 3)));
        assertTrue(e.getMessage().contains("batch"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> sampler.sample((x, t, c) -> Tensor.zeros(1, 3), Tensor.zeros(1, 3), Tensor.zeros(1, 3)));
        assertTrue(s.getMessage().contains("[1, 3]"), s.getMessage());
    }

    @Test
    void theNoiseIsNotModified() {
        Tensor noise = new TorchGenerator(3).randn(1, 4, 2);
        float[] before = noise.toArray();
        new FlowMatchEulerSampler(FlowMatchSchedule.of(4), 3f).sample((x, t, c) -> Tensor.full(1f, x.shape()), noise, Tensor.zeros(1, 1));
        assertArrayEquals(before, noise.toArray());
    }
}
