package org.sculpt4d.sampler;

/**
 * The flow-matching Euler schedule of Hunyuan3D 2.1 (spec hunyuan3d21-shape.md §5.2): the pipeline's
 * {@code numpy.linspace(0, 1, steps)} in float64, the scheduler's shift map {@code s·shift/(1 + (shift − 1)·s)}, a cast
 * to float32, timesteps {@code σ·1000} in float32 and a final sigma 1.0 appended.
 */
public final class FlowMatchSchedule {
    /** {@code num_train_timesteps} of the scheduler. */
    static final float TRAIN_TIMESTEPS = 1000f;

    private final float[] sigmas; // steps + 1 values, the last one 1.0

    private FlowMatchSchedule(float[] sigmas) {
        this.sigmas = sigmas;
    }

    /** The released schedule (shift 1.0, the identity): {@code σ_i = i/(steps − 1)}, then 1.0. */
    public static FlowMatchSchedule of(int steps) {
        return of(steps, 1.0);
    }

    /** The schedule with the scheduler's {@code shift}. */
    public static FlowMatchSchedule of(int steps, double shift) {
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        if (!(shift > 0) || Double.isInfinite(shift)) throw new IllegalArgumentException("shift must be positive, got " + shift);
        float[] s = new float[steps + 1];
        // numpy.linspace: i·(stop − start)/(steps − 1) with the last value set to stop; a single step is [0.0]
        double delta = steps == 1 ? 0.0 : 1.0 / (steps - 1);
        for (int i = 0; i < steps; i++) {
            double linear = steps > 1 && i == steps - 1 ? 1.0 : i * delta;
            s[i] = (float) (shift * linear / (1 + (shift - 1) * linear));
        }
        s[steps] = 1f;
        return new FlowMatchSchedule(s);
    }

    /** The number of model evaluations (Euler steps, the last of size 0). */
    public int steps() {
        return sigmas.length - 1;
    }

    /** {@code σ_i} in float32, {@code i ∈ [0, steps]}. */
    public float sigma(int i) {
        return sigmas[i];
    }

    /** The step size {@code σ_{i+1} − σ_i} in float32, as {@code step()} computes it. */
    public float stepSize(int i) {
        return sigmas[i + 1] - sigmas[i];
    }

    /**
     * The time the model sees at step {@code i}: the float32 timestep {@code σ_i·1000} divided by 1000 in float32
     * (§5.3), which differs from {@code σ_i} in the last bit for some steps (2 of 50).
     */
    public float modelTime(int i) {
        return sigmas[i] * TRAIN_TIMESTEPS / TRAIN_TIMESTEPS;
    }
}
