package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes e2e NetworkPolicy cases: every probe line {@code x/a -> y/b 80/TCP allow|deny}
 * must match {@code allowed(x/a[Pod], y/b[Pod])}. Cases that need ipBlocks to match pod IPs are
 * counted as not applicable: this engine treats ipBlocks as cluster-external only, by design.
 */
class K8sE2eConformanceTest {

    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();
    private static final AtomicInteger notApplicable = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyE2eCase() {
        List<Path> cases = ConformanceCorpus.cases("k8s-e2e");
        assertThat(cases).as("cases").hasSizeGreaterThanOrEqualTo(57);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) {
        if (Boolean.parseBoolean(ConformanceCorpus.properties(caseDir).getProperty("requires.ipblock-matches-pod-ip", "false"))) {
            notApplicable.incrementAndGet();
            // Reported as skipped, never as a pass: ipBlocks here are cluster-external only, by design.
            Assumptions.abort("not applicable: needs ipBlocks to match pod IPs");
        }
        total.incrementAndGet();
        Cluster cluster = ConformanceCorpus.load(caseDir);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        List<String> wrong = new ArrayList<>();
        List<String> lines = ConformanceCorpus.expectedLines(caseDir);
        for (String line : lines) {
            // x/a -> y/b 80/TCP allow upstream
            String[] f = line.trim().split(" ");
            String[] portProto = f[3].split("/");
            Workload src = workload(cluster, f[0]);
            Workload dst = workload(cluster, f[2]);
            boolean expected = f[4].equals("allow");
            boolean actual = analysis.allowed(src, dst).contains(Protocol.parse(portProto[1]).orElseThrow(),
                    Integer.parseInt(portProto[0]));
            if (actual != expected) {
                wrong.add(line + " (engine: " + (actual ? "allow" : "deny") + ")");
            }
        }
        assertThat(lines).as("probe lines").isNotEmpty();
        assertThat(wrong).as(caseDir.getFileName() + ": probes that differ").isEmpty();
        agreed.incrementAndGet();
    }

    private static Workload workload(Cluster cluster, String ref) {
        List<Workload> found = cluster.findWorkloads(ref + "[Pod]");
        assertThat(found).as("workload " + ref + "[Pod]").hasSize(1);
        return found.get(0);
    }

    @AfterAll
    static void summary() {
        if (total.get() + notApplicable.get() > 0) {
            System.out.println("k8s-e2e: agreed " + agreed.get() + "/" + total.get() + " (" + notApplicable.get()
                    + " not applicable)");
        }
    }
}
