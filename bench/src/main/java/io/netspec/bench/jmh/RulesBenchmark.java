package io.netspec.bench.jmh;

import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.rules.check.Baseline;
import io.netspec.engine.rules.check.CheckConfig;
import io.netspec.engine.rules.check.Checker;
import io.netspec.engine.rules.packs.Pack;
import io.netspec.engine.rules.packs.PackException;
import io.netspec.engine.rules.packs.PackLoader;
import io.netspec.engine.rules.runtime.RuleEngine;
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

/**
 * The built-in rule packs (whatever {@link PackLoader#builtIn()} finds on the classpath) over a
 * loaded cluster: {@code check} is what {@code netspec check} does after loading (derived facts,
 * the Drools session, waivers and baseline); {@code compile} is compiling the packs' DRL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class RulesBenchmark {

    @Param({"S", "M"})
    public String size;

    private Cluster cluster;
    private List<Pack> packs;
    private RuleEngine engine;

    @Setup
    public void prepare() throws PackException {
        cluster = BenchSetup.load(size);
        packs = PackLoader.builtIn();
        engine = RuleEngine.compile(packs);
    }

    @Benchmark
    public CheckResult check() throws PackException {
        return Checker.check(engine, cluster, CheckConfig.DEFAULTS, Baseline.EMPTY);
    }

    @Benchmark
    public RuleEngine compile() throws PackException {
        return RuleEngine.compile(packs);
    }
}
