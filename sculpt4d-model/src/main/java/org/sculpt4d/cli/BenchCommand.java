package org.sculpt4d.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sculpt4d.geometry.bench.MarchingCubesBench;
import org.sculpt4d.tensor.backend.Backends;
import org.sculpt4d.tensor.backend.Parallel;
import org.sculpt4d.tensor.bench.AttentionBench;
import org.sculpt4d.tensor.bench.GemmBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sculpt4d bench gemm|attention|mc}: kernel throughput against a baseline measured in the same run. */
@Command(name = "bench", description = "Benchmarks that print ratios against a baseline measured in the same run.",
        subcommands = {BenchCommand.Gemm.class, BenchCommand.Attention.class, BenchCommand.MarchingCubes.class,
                DitBenchCommand.class, BenchDinoCommand.class, BenchBvhCommand.class, BenchAttention4DCommand.class})
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        picocli.CommandLine.usage(this, System.out);
        return 0;
    }

    static void header() {
        System.out.println("# backend=" + Backends.current().name() + " threads=" + Parallel.threads()
                + " java=" + Runtime.version());
    }

    @Command(name = "gemm", description = "fp32 GEMM (C = A·Bᵀ) GFLOP/s against OpenBLAS through /usr/bin/python3 + numpy.")
    static final class Gemm implements Callable<Integer> {
        @Parameters(arity = "0..*", description = "Square sizes (default: 256 512 1024 2048).")
        List<Integer> sizes = List.of(256, 512, 1024, 2048);

        @Override
        public Integer call() {
            header();
            GemmBench.run(sizes.stream().mapToInt(Integer::intValue).toArray(), System.out);
            return 0;
        }
    }

    @Command(name = "attention", description = "Dense vs block-sparse attention at several mask densities.")
    static final class Attention implements Callable<Integer> {
        @Option(names = "--frames", defaultValue = "8", description = "Frames (default: ${DEFAULT-VALUE}).")
        int frames;

        @Option(names = "--tokens", defaultValue = "512", description = "Tokens per frame (default: ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--densities", split = ",", defaultValue = "1.0,0.5,0.35,0.1",
                description = "Mask densities (default: ${DEFAULT-VALUE}).")
        double[] densities;

        @Override
        public Integer call() {
            header();
            AttentionBench.run(frames, tokens, densities, System.out);
            return 0;
        }
    }

    @Command(name = "mc", description = "Marching cubes Mvox/s on a sphere field against scikit-image (when installed).")
    static final class MarchingCubes implements Callable<Integer> {
        @Parameters(arity = "0..*", description = "Grid sizes per axis (default: 128 256).")
        List<Integer> grids = List.of(128, 256);

        @Override
        public Integer call() {
            header();
            for (int g : grids) MarchingCubesBench.run(g, System.out);
            return 0;
        }
    }
}
