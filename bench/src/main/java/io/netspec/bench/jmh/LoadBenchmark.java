package io.netspec.bench.jmh;

import io.netspec.bench.BenchClusters;
import io.netspec.bench.ClusterShape;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import java.nio.file.Path;
import java.util.List;
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

/** Reading a generated cluster's folder into facts: parse, bind, build the snapshot. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class LoadBenchmark {

    @Param({"S", "M", "L"})
    public String size;

    private List<Path> inputs;

    @Setup
    public void generate() {
        inputs = List.of(BenchClusters.folder(ClusterShape.Size.parse(size), BenchSetup.SEED));
        BenchSetup.requireClean(new ManifestLoader().load(inputs), inputs.get(0));
    }

    @Benchmark
    public LoadResult load() {
        return new ManifestLoader().load(inputs);
    }
}
