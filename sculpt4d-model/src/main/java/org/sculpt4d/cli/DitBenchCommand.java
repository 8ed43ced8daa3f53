package org.sculpt4d.cli;

import java.util.concurrent.Callable;
import org.sculpt4d.dit.DitConfig;
import org.sculpt4d.dit.bench.DitBlockBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sculpt4d bench dit}: wall time of one plain and one MoE DiT block, released sizes by default. */
@Command(name = "dit", description = "Seconds per DiT block (plain and MoE+skip) with random weights; released sizes by default.")
final class DitBenchCommand implements Callable<Integer> {
    @Option(names = "--tokens", defaultValue = "4096", description = "Latent tokens (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--context-tokens", defaultValue = "1370", description = "Image tokens (default: ${DEFAULT-VALUE}).")
    int contextTokens;

    @Option(names = "--batch", defaultValue = "2", description = "Batch, 2 with guidance (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--hidden", defaultValue = "2048", description = "hidden_size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--heads", defaultValue = "16", description = "num_heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--reps", defaultValue = "2", description = "Timed calls after one warm-up (default: ${DEFAULT-VALUE}).")
    int reps;

    @Override
    public Integer call() {
        BenchCommand.header();
        DitConfig r = DitConfig.released();
        DitConfig c = new DitConfig(tokens, r.inChannels(), hidden, r.contextDim(), r.depth(), heads, r.qkNorm(),
                r.qkNormType(), r.qkvBias(), r.numMoeLayers(), r.numExperts(), r.moeTopK());
        DitBlockBench.run(c, tokens, contextTokens, batch, reps, System.out);
        return 0;
    }
}
