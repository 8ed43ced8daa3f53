package org.sculpt4d.cli;

import java.util.concurrent.Callable;
import org.sculpt4d.geometry.bench.BvhBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sculpt4d bench bvh}: BVH closest-point queries per second, one thread and all cores. */
@Command(name = "bvh", description = "BVH closest-point queries/s on a ~100k-triangle mesh, one thread and all cores.")
final class BenchBvhCommand implements Callable<Integer> {
    @Option(names = "--faces", defaultValue = "100000", description = "Approximate triangle count (default: ${DEFAULT-VALUE}).")
    int faces;

    @Override
    public Integer call() {
        if (faces < 18) throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "--faces must be at least 18, got " + faces);
        BenchCommand.header();
        BvhBench.run(faces, System.out);
        return 0;
    }
}
