package io.netspec.bench.jmh;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.model.Cluster;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Connectivity over a loaded cluster: building the analysis, and building it then walking every
 * allowed pair (as objects, and as the text lines {@code netspec reach} prints).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class ConnectivityBenchmark {

    @Param({"S", "M"})
    public String size;

    private Cluster cluster;

    @Setup
    public void load() {
        cluster = BenchSetup.load(size);
    }

    @Benchmark
    public ConnectivityAnalysis build() {
        return ConnectivityAnalysis.of(cluster);
    }

    /** Returns the number of allowed pairs so the walk cannot be elided. */
    @Benchmark
    public long buildAndReach(Blackhole blackhole) {
        long[] pairs = {0};
        ConnectivityAnalysis.of(cluster).reach().forEach(r -> {
            blackhole.consume(r);
            pairs[0]++;
        });
        return pairs[0];
    }

    /** Returns the characters of the reach listing, as {@code netspec reach} would write them. */
    @Benchmark
    public long buildAndReachText() {
        long[] chars = {0};
        ConnectivityAnalysis.of(cluster)
                .reach()
                .forEach(r -> chars[0] += r.toString().length() + 1);
        return chars[0];
    }
}
