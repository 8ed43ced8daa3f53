package org.sculpt4d.sampler;

import java.util.Arrays;
import org.sculpt4d.tensor.Tensor;

/**
 * The sampling loop of {@code Hunyuan3DDiTFlowMatchingPipeline} (spec hunyuan3d21-shape.md §5.3), in float32:
 * <pre>
 * for i in 0..steps−1:
 *     v_c, v_u = model([x; x], [τ_i; τ_i], [cond; zeros])      one call on batch 2B
 *     v = v_u + w·(v_c − v_u)
 *     x = x + (σ_{i+1} − σ_i)·v
 * </pre>
 * with {@code τ_i} = {@link FlowMatchSchedule#modelTime}. Classifier-free guidance is on whenever the guidance scale
 * is ≥ 0, as upstream; a negative scale runs the conditional branch alone (batch B). The unconditional context is all
 * zeros at the token level. The last step has size 0 (σ goes from 1 to 1); upstream still evaluates the model there,
 * and so does this sampler unless {@link #skipZeroSteps} is set (only a non-finite velocity makes a difference).
 */
public final class FlowMatchEulerSampler {
    /**
     * Receives the latents after each step, for per-step comparisons; {@code step} counts from 0. The tensor is the
     * sampler's working state: copy it to keep it.
     */
    @FunctionalInterface
    public interface StepObserver {
        void afterStep(int step, Tensor latents);
    }

    private final FlowMatchSchedule schedule;
    private final float guidanceScale;
    private final boolean skipZeroSteps;

    /** Parity with upstream: every step evaluates the model, including the final zero-size one. */
    public FlowMatchEulerSampler(FlowMatchSchedule schedule, float guidanceScale) {
        this(schedule, guidanceScale, false);
    }

    public FlowMatchEulerSampler(FlowMatchSchedule schedule, float guidanceScale, boolean skipZeroSteps) {
        if (Float.isNaN(guidanceScale) || Float.isInfinite(guidanceScale)) {
            throw new IllegalArgumentException("guidance scale must be finite, got " + guidanceScale);
        }
        this.schedule = schedule;
        this.guidanceScale = guidanceScale;
        this.skipZeroSteps = skipZeroSteps;
    }

    /** Whether the model runs on the conditional and unconditional branches (upstream: guidance scale ≥ 0). */
    public boolean guided() {
        return guidanceScale >= 0;
    }

    /** The number of model calls one {@link #sample} makes. */
    public int modelCalls() {
        int calls = 0;
        for (int i = 0; i < schedule.steps(); i++) if (!skipZeroSteps || schedule.stepSize(i) != 0f) calls++;
        return calls;
    }

    /** Runs the loop from {@code noise [B, ...]} with {@code context [B, ...]}; returns the final latents (new tensor). */
    public Tensor sample(VelocityModel model, Tensor noise, Tensor context) {
        return sample(model, noise, context, (step, latents) -> { });
    }

    /** As {@link #sample(VelocityModel, Tensor, Tensor)}, reporting the latents after every step. */
    public Tensor sample(VelocityModel model, Tensor noise, Tensor context, StepObserver observer) {
        int batch = noise.dim(0);
        if (context.dim(0) != batch) {
            throw new IllegalArgumentException("context batch " + context.dim(0) + " differs from the noise batch " + batch
                    + " (noise " + Arrays.toString(noise.shape()) + ", context " + Arrays.toString(context.shape()) + ")");
        }
        int copies = guided() ? 2 : 1;
        Tensor x = noise.copy();
        int n = x.size();
        Tensor modelInput = Tensor.zeros(batched(noise.shape(), copies));
        Tensor contextBatch = Tensor.zeros(batched(context.shape(), copies)); // [cond; zeros]
        System.arraycopy(context.data(), context.offset(), contextBatch.data(), 0, context.size());
        float[] time = new float[batch * copies];
        float[] xs = x.data();
        for (int i = 0; i < schedule.steps(); i++) {
            float dt = schedule.stepSize(i);
            if (skipZeroSteps && dt == 0f) {
                observer.afterStep(i, x);
                continue;
            }
            for (int c = 0; c < copies; c++) System.arraycopy(xs, 0, modelInput.data(), c * n, n);
            Arrays.fill(time, schedule.modelTime(i));
            Tensor v = model.velocity(modelInput, time, contextBatch);
            if (!v.sameShape(modelInput)) {
                throw new IllegalStateException("the model returned a velocity of shape " + Arrays.toString(v.shape())
                        + " for latents of shape " + Arrays.toString(modelInput.shape()));
            }
            float[] vs = v.data();
            int at = v.offset();
            for (int k = 0; k < n; k++) {
                float velocity = copies == 2 ? guide(vs[at + k], vs[at + n + k], guidanceScale) : vs[at + k];
                xs[k] = xs[k] + dt * velocity;
            }
            observer.afterStep(i, x);
        }
        return x;
    }

    /** Classifier-free guidance as upstream computes it in float32: {@code v_u + w·(v_c − v_u)}. */
    static float guide(float conditional, float unconditional, float scale) {
        return unconditional + scale * (conditional - unconditional);
    }

    private static int[] batched(int[] shape, int copies) {
        int[] s = shape.clone();
        s[0] *= copies;
        return s;
    }
}
