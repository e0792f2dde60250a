package io.netspec.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Generated clusters on disk, shared by the JMH benchmarks and {@code bench/run-cli.sh}: one
 * folder per size and seed under {@code $NETSPEC_BENCH_DIR} (system property
 * {@code netspec.bench.dir}, default {@code $TMPDIR/netspec-bench}), written once and reused while
 * its summary still matches what the generator makes.
 */
public final class BenchClusters {

    private BenchClusters() {}

    public static Path root() {
        String configured = System.getProperty("netspec.bench.dir", System.getenv("NETSPEC_BENCH_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "netspec-bench");
    }

    /** The folder of a named size ({@code <root>/L-seed42}), generated if missing or stale. */
    public static Path folder(ClusterShape.Size size, long seed) {
        return ensure(ClusterGenerator.generate(size, seed), root().resolve(size.name() + "-seed" + seed));
    }

    /**
     * Writes {@code cluster} into {@code dir} unless {@code dir} already holds it (same summary
     * line). Writes into a sibling folder first and renames, so a reader never sees half a cluster.
     */
    public static Path ensure(GeneratedCluster cluster, Path dir) {
        try {
            if (isCurrent(cluster, dir)) {
                return dir;
            }
            Path parent = dir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, dir.getFileName() + ".tmp");
            cluster.writeTo(staging);
            deleteTree(dir);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write generated cluster to " + dir, e);
        }
    }

    /** True when {@code dir} holds {@code cluster}: its summary file says what the cluster's summary says. */
    public static boolean isCurrent(GeneratedCluster cluster, Path dir) {
        Path summary = dir.resolve(GeneratedCluster.SUMMARY_FILE);
        try {
            return Files.isRegularFile(summary)
                    && Files.readString(summary, StandardCharsets.UTF_8).strip().equals(cluster.summary());
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
