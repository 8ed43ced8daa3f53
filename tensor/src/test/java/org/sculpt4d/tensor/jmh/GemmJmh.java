package org.sculpt4d.tensor.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sculpt4d.tensor.backend.Backend;
import org.sculpt4d.tensor.backend.Backends;

/**
 * JMH: square fp32 GEMM {@code C = A·op(B)} on a named backend; GFLOP/s = 2·N³ / (ms per op · 10⁶).
 * {@code GemmBench} is the quick check against OpenBLAS; this is for comparing kernel changes with JMH's statistics.
 *
 * <p>Run (after {@code mvn -pl tensor -am install -DskipTests} and {@code mvn -pl tensor test-compile}):
 * <pre>{@code
 * mvn -q -pl tensor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java --add-modules jdk.incubator.vector -cp tensor/target/test-classes:tensor/target/classes:$(cat /tmp/cp.txt) \
 *     org.openjdk.jmh.Main GemmJmh -p n=1024 -p transB=true,false
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmJmh {
    @Param({"256", "512", "1024"})
    int n;

    @Param({"true"})
    boolean transB;

    @Param({"vector"})
    String backend;

    Backend be;
    float[] a, b, c;

    @Setup
    public void setup() {
        be = Backends.select(backend);
        SplittableRandom r = new SplittableRandom(42);
        a = random(r, n * n);
        b = random(r, n * n);
        c = new float[n * n];
    }

    @Benchmark
    public float[] gemm() {
        be.gemm(n, n, n, a, 0, n, b, 0, n, transB, c, 0, n, false);
        return c;
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (r.nextDouble() - 0.5);
        return x;
    }
}
