package org.sculpt4d.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sculpt4d.dit.bench.Attention4DBench;
import org.sculpt4d.mask4d.Mask4DPreset;
import org.sculpt4d.mask4d.MaskSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sculpt4d bench attention4d}: the 4D self-attention per mask preset against full attention. */
@Command(name = "attention4d", description = "4D self-attention time per mask preset vs full, with the ideal speed-up.")
final class BenchAttention4DCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "16", description = "Frames T (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--tokens", defaultValue = "512", description = "Latent tokens N per frame (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--heads", defaultValue = "4", description = "Heads of dim 64 (the DiT has 16; default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--block", defaultValue = "88", description = "Latent tokens per block (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--reps", defaultValue = "3", description = "Timed calls after the warm-up (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--preset", split = ",", paramLabel = "NAME",
            description = "Presets to time against full (comma-separated; default: sculpt4d, no-sink, fixed-stride, temporal-only).")
    List<String> presetNames;

    @Override
    public Integer call() {
        if (frames < 1 || tokens < 1 || heads < 1 || reps < 1) {
            throw new ParameterException(spec.commandLine(), "--frames, --tokens, --heads and --reps must be positive");
        }
        MaskSettings settings;
        try {
            settings = MaskSettings.DEFAULT.withBlockSize(block);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Mask4DPreset> presets = new ArrayList<>();
        for (String name : presetNames == null ? List.<String>of() : presetNames) {
            Mask4DPreset p;
            try {
                p = Mask4DPreset.parse(name);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--preset: " + e.getMessage());
            }
            if (p == Mask4DPreset.FULL) {
                throw new ParameterException(spec.commandLine(), "--preset: full is the baseline, always timed");
            }
            if (!presets.contains(p)) presets.add(p);
        }
        BenchCommand.header();
        Attention4DBench.run(frames, tokens, heads, settings, reps, presets.isEmpty() ? Attention4DBench.PRESETS : presets,
                System.out);
        return 0;
    }
}
