package io.netspec.bench;

import io.netspec.bench.ClusterPlan.NamespacePlan;
import io.netspec.bench.ClusterPlan.WorkloadPlan;
import io.netspec.bench.PolicyPlanner.Policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A seeded generator of realistic clusters for benchmarks: ordinary Kubernetes manifests, one file
 * per namespace, that any tool can read. The same shape and seed give the same bytes.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.netspec.bench.ClusterGenerator --size L --seed 42 --out /tmp/l
 * java -cp ... io.netspec.bench.ClusterGenerator --workloads 5000 --policies 1200 --namespaces 60 --out DIR
 * </pre>
 * {@code --force} replaces a folder of generated files; {@code --reuse} keeps the folder when it
 * already holds this cluster (its {@code GENERATED.txt} matches), and rewrites it otherwise.
 */
public final class ClusterGenerator {

    private static final String USAGE = "usage: ClusterGenerator (--size S|M|L|XL | --workloads N --policies K"
            + " --namespaces M) [--seed 42] --out DIR [--force | --reuse]";

    private ClusterGenerator() {
    }

    public static GeneratedCluster generate(ClusterShape.Size size, long seed) {
        return generate(size.shape(), seed);
    }

    public static GeneratedCluster generate(ClusterShape shape, long seed) {
        ClusterPlan plan = ClusterPlan.build(shape, seed);
        Map<String, String> files = new LinkedHashMap<>();
        int workloads = 0;
        int deployments = 0;
        int statefulSets = 0;
        int daemonSets = 0;
        int services = 0;
        int policies = 0;
        long bytes = 0;
        Set<String> classes = new HashSet<>();
        int index = 0;
        for (NamespacePlan ns : plan.namespaces()) {
            List<Policy> nsPolicies = ns.system() ? List.of() : PolicyPlanner.plan(ns);
            String text = ManifestWriter.namespaceFile(ns, nsPolicies, seed);
            files.put(String.format("%04d-%s.yaml", index++, ns.name()), text);
            bytes += text.length();
            for (WorkloadPlan w : ns.workloads()) {
                workloads++;
                switch (w.kind()) {
                    case "Deployment" -> deployments++;
                    case "StatefulSet" -> statefulSets++;
                    case "DaemonSet" -> daemonSets++;
                    default -> throw new AssertionError(w.kind());
                }
                classes.add(ns.name() + "|" + w.labels() + "|" + w.ports());
            }
            services += (int) text.lines().filter("kind: Service"::equals).count();
            policies += nsPolicies.size();
        }
        GeneratedCluster.Counts counts = new GeneratedCluster.Counts(plan.namespaces().size(), workloads, deployments,
                statefulSets, daemonSets, services, policies, classes.size(), bytes);
        return new GeneratedCluster(shape, seed, files, counts);
    }

    public static void main(String[] args) {
        try {
            System.out.println(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("ClusterGenerator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (UncheckedIOException e) {
            System.err.println("ClusterGenerator: " + e.getCause().getMessage());
            System.exit(2);
        }
    }

    /** Parses the arguments, generates and writes; returns the summary line. */
    static String run(String... args) {
        ClusterShape.Size size = null;
        Integer workloads = null;
        Integer policies = null;
        Integer namespaces = null;
        long seed = 42;
        Path out = null;
        boolean force = false;
        boolean reuse = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--size" -> size = ClusterShape.Size.parse(value(args, ++i, a));
                case "--workloads" -> workloads = number(value(args, ++i, a), a);
                case "--policies" -> policies = number(value(args, ++i, a), a);
                case "--namespaces" -> namespaces = number(value(args, ++i, a), a);
                case "--seed" -> seed = number(value(args, ++i, a), a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--force" -> force = true;
                case "--reuse" -> reuse = true;
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out DIR is required");
        }
        ClusterShape shape;
        if (size != null) {
            if (workloads != null || policies != null || namespaces != null) {
                throw new IllegalArgumentException("give --size or --workloads/--policies/--namespaces, not both");
            }
            shape = size.shape();
        } else {
            if (workloads == null || policies == null) {
                throw new IllegalArgumentException("give --size, or --workloads and --policies");
            }
            shape = new ClusterShape(workloads, policies,
                    namespaces != null ? namespaces : Math.max(1, workloads / 80));
        }
        long start = System.nanoTime();
        if (reuse) {
            GeneratedCluster cluster = generate(shape, seed);
            boolean current = BenchClusters.isCurrent(cluster, out);
            BenchClusters.ensure(cluster, out);
            return out + ": " + cluster.summary() + (current ? " (reused)" : " (written)");
        }
        prepare(out, force);
        GeneratedCluster cluster = generate(shape, seed);
        try {
            cluster.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return out + ": " + cluster.summary() + " in " + millis + " ms";
    }

    /** Refuses to mix with other files: the folder must be empty, or hold only YAML and a summary with --force. */
    private static void prepare(Path out, boolean force) {
        if (!Files.isDirectory(out)) {
            if (Files.exists(out)) {
                throw new IllegalArgumentException(out + " exists and is not a folder");
            }
            return;
        }
        try (Stream<Path> entries = Files.list(out)) {
            List<Path> present = entries.toList();
            if (present.isEmpty()) {
                return;
            }
            if (!force) {
                throw new IllegalArgumentException(out + " is not empty (use --force to replace generated files)");
            }
            for (Path p : present) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || !(name.endsWith(".yaml") || name.equals(GeneratedCluster.SUMMARY_FILE))) {
                    throw new IllegalArgumentException(out + " holds " + name + ", which the generator did not write");
                }
            }
            for (Path p : present) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + text + "'", e);
        }
    }
}
