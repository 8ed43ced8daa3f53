package org.sculpt4d.nn;

import org.sculpt4d.tensor.Ops;
import org.sculpt4d.tensor.Tensor;

/**
 * Two linear layers with exact GELU between them, {@code down(GELU(up(x)))}: the MLP of every VAE block
 * ({@code c_fc}/{@code c_proj}), of the DiT blocks ({@code fc1}/{@code fc2}) and each MoE expert
 * ({@code net.0.proj}/{@code net.2}). Rows are processed in chunks so the hidden activation stays bounded.
 */
public final class GeluMlp {
    private static final int CHUNK_ROWS = 1024;
    private final Linear up;
    private final Linear down;

    public GeluMlp(Linear up, Linear down) {
        if (up.out() != down.in() || up.in() != down.out()) {
            throw new IllegalArgumentException("MLP layers do not chain: " + up.in() + "→" + up.out() + " then "
                    + down.in() + "→" + down.out());
        }
        this.up = up;
        this.down = down;
    }

    /** Loads {@code upName}/{@code downName} (e.g. "c_fc"/"c_proj") from {@code w}, both with biases. */
    public static GeluMlp load(WeightBinder w, String upName, String downName, int width, int hidden) {
        return new GeluMlp(Linear.load(w.at(upName), width, hidden, true), Linear.load(w.at(downName), hidden, width, true));
    }

    public Tensor forward(Tensor x) {
        Tensor flat = x.reshape(-1, x.cols());
        Tensor y = Tensor.zeros(flat.rows(), down.out());
        for (int r = 0; r < flat.rows(); r += CHUNK_ROWS) {
            int end = Math.min(flat.rows(), r + CHUNK_ROWS);
            y.slice(r, end).copyFrom(down.forward(Ops.gelu(up.forward(flat.slice(r, end)))));
        }
        int[] shape = x.shape();
        shape[shape.length - 1] = down.out();
        return y.reshape(shape);
    }
}
