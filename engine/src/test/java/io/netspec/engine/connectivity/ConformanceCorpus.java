package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared conformance corpora and reads their cases. */
final class ConformanceCorpus {

    private ConformanceCorpus() {}

    /**
     * {@code ../shared/conformance} beside the repository root (the folder of the parent
     * {@code pom.xml}), or the system property {@code netspec.conformance}.
     */
    static Path root() {
        String override = System.getProperty("netspec.conformance");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
                return dir.resolve("../shared/conformance").normalize();
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no parent pom.xml above " + Path.of("").toAbsolutePath() + "; set -Dnetspec.conformance=PATH");
    }

    static List<Path> cases(String corpus) {
        Path dir = root().resolve(corpus);
        if (!Files.isDirectory(dir)) {
            String message = "conformance corpus not found: " + dir + " (set -Dnetspec.conformance=PATH)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; CI=true requires it");
            }
            // A clone without ../shared beside it: say so loudly, as a skipped container, not a pass.
            System.err.println("WARNING: " + message + "; the " + corpus + " conformance test is skipped");
            Assumptions.abort(message);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("case.properties")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(Path caseDir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(caseDir.resolve("case.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static List<String> expectedLines(Path caseDir) {
        try {
            return Files.readAllLines(caseDir.resolve("expected.txt")).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads {@code manifests/}; load errors fail the case, naming them. */
    static Cluster load(Path caseDir) {
        Path manifests = caseDir.resolve("manifests");
        LoadResult result = new ManifestLoader().load(Files.isDirectory(manifests) ? List.of(manifests) : List.of());
        List<LoadProblem> errors = result.errors();
        if (!errors.isEmpty()) {
            throw new AssertionError("load errors in " + caseDir.getFileName() + ": " + errors);
        }
        return result.cluster();
    }

    /**
     * The probes of a case whose verdict the analysis does not share, each with the engine's verdict.
     * Probe grammar of the k8s-e2e and cluster-network-policy corpora:
     * {@code srcNs/srcPod -> dstNs/dstPod PORT/PROTO allow|deny upstream}; every pod is a bare Pod.
     */
    static List<String> differingPodProbes(Path caseDir, Cluster cluster, ConnectivityAnalysis analysis) {
        List<String> lines = expectedLines(caseDir);
        assertThat(lines).as("probe lines").isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            String[] portProto = f[3].split("/");
            boolean expected = f[4].equals("allow");
            boolean actual = analysis.allowed(pod(cluster, f[0]), pod(cluster, f[2]))
                    .contains(Protocol.parse(portProto[1]).orElseThrow(), Integer.parseInt(portProto[0]));
            if (actual != expected) {
                wrong.add(line + " (engine: " + (actual ? "allow" : "deny") + ")");
            }
        }
        return wrong;
    }

    private static Workload pod(Cluster cluster, String ref) {
        List<Workload> found = cluster.findWorkloads(ref + "[Pod]");
        assertThat(found).as("workload " + ref + "[Pod]").hasSize(1);
        return found.get(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
