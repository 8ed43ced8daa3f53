package org.sculpt4d.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.sculpt4d.conditioning.DinoConfig;
import org.sculpt4d.conditioning.DinoImageEncoder;
import org.sculpt4d.conditioning.DinoLayout;
import org.sculpt4d.nn.WeightLayout;
import org.sculpt4d.nn.Weights;
import org.sculpt4d.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sculpt4d bench dinov2}: one preprocessed 512² image through the DINOv2 encoder (spec §4.2, resized to 518²,
 * 1370 tokens) with seeded random weights at the released size (about 1.2 GB of float32), timed per run.
 */
@Command(name = "dinov2", description = "DINOv2 ViT-L/14 image encoder wall time per 512² image (random weights, ~1.2 GB).")
final class BenchDinoCommand implements Callable<Integer> {
    @Option(names = "--layers", defaultValue = "24", description = "Transformer layers (default: ${DEFAULT-VALUE}, as released).")
    int layers;

    @Option(names = "--runs", defaultValue = "2", description = "Timed runs; the first includes JIT warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() {
        BenchCommand.header();
        DinoConfig released = DinoConfig.large();
        DinoConfig c = new DinoConfig(released.hiddenSize(), layers, released.heads(), released.mlpRatio(),
                released.patchSize(), released.positionImageSize(), released.layerNormEps(), released.qkvBias(),
                released.imageSize(), released.useClsToken());
        long t0 = System.nanoTime();
        DinoImageEncoder encoder = DinoImageEncoder.load(randomWeights(c), c, true);
        System.out.printf(Locale.ROOT, "dinov2 layers=%d weights=%.1f MB random init %.1f s%n", layers,
                4e-6 * WeightLayout.parameterCount(DinoLayout.of(c)), seconds(t0));
        double gflop = flops(c) / 1e9, gemmOnly = gemmFlops(c) / 1e9;
        Tensor image = Tensor.zeros(3, 512, 512);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < image.size(); i++) image.data()[i] = (float) (2 * r.nextDouble() - 1);
        for (int run = 1; run <= runs; run++) {
            long t = System.nanoTime();
            Tensor out = encoder.encode(image);
            double s = seconds(t);
            System.out.printf(Locale.ROOT, "dinov2 run=%d tokens=%d seconds=%.2f gflop=%.0f (gemm %.0f) gflop_per_s=%.1f%n",
                    run, out.rows(), s, gflop, gemmOnly, gflop / s);
        }
        return 0;
    }

    /** Projections, MLP and patch embedding: {@code 2·m·n·k} per product. */
    static double gemmFlops(DinoConfig c) {
        double t = c.tokens(), h = c.hiddenSize(), patches = c.patchGrid() * c.patchGrid();
        double perLayer = 2 * t * h * h * 4 + 2 * t * h * c.mlpHidden() * 2;
        return c.layers() * perLayer + 2 * patches * 3 * c.patchSize() * c.patchSize() * h;
    }

    /** {@link #gemmFlops} plus attention scores and weighted sums ({@code 4·T²·hidden} per layer). */
    static double flops(DinoConfig c) {
        double t = c.tokens();
        return gemmFlops(c) + c.layers() * 4 * t * t * c.hiddenSize();
    }

    /** Seeded uniform weights of every layout key (values do not change the cost). */
    private static Weights randomWeights(DinoConfig c) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(42);
        for (Map.Entry<String, int[]> e : DinoLayout.of(c).entrySet()) {
            Tensor t = Tensor.zeros(e.getValue());
            float scale = (float) Math.sqrt(3.0 * e.getValue()[0] / Math.max(1, t.size()));
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = scale * (float) (2 * r.nextDouble() - 1);
            map.put(e.getKey(), t);
        }
        return Weights.of("random DINOv2", map);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
