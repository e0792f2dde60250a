package io.netspec.bench.jmh;

import io.netspec.bench.BenchClusters;
import io.netspec.bench.ClusterShape;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import java.nio.file.Path;
import java.util.List;

/** Shared set-up: the seed, and loading a generated cluster that must load without problems. */
final class BenchSetup {

    /** The seed every benchmark uses; {@code -Dnetspec.bench.seed} in the forked JVM changes it. */
    static final long SEED = Long.getLong("netspec.bench.seed", 42L);

    private BenchSetup() {}

    static Cluster load(String size) {
        Path folder = BenchClusters.folder(ClusterShape.Size.parse(size), SEED);
        return requireClean(new ManifestLoader().load(List.of(folder)), folder).cluster();
    }

    /** A benchmark over a cluster that failed to load would measure the error path: refuse it. */
    static LoadResult requireClean(LoadResult result, Path folder) {
        if (!result.problems().isEmpty()) {
            throw new IllegalStateException(folder + ": " + result.problems().size() + " load problems, first: "
                    + result.problems().get(0));
        }
        return result;
    }
}
