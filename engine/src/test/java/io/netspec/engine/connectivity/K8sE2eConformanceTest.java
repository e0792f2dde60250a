package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
        if (Boolean.parseBoolean(
                ConformanceCorpus.properties(caseDir).getProperty("requires.ipblock-matches-pod-ip", "false"))) {
            notApplicable.incrementAndGet();
            // Reported as skipped, never as a pass: ipBlocks here are cluster-external only, by design.
            Assumptions.abort("not applicable: needs ipBlocks to match pod IPs");
        }
        total.incrementAndGet();
        Cluster cluster = ConformanceCorpus.load(caseDir);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        List<String> wrong = ConformanceCorpus.differingPodProbes(caseDir, cluster, analysis);
        assertThat(wrong).as(caseDir.getFileName() + ": probes that differ").isEmpty();
        agreed.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        if (total.get() + notApplicable.get() > 0) {
            System.out.println("k8s-e2e: agreed " + agreed.get() + "/" + total.get() + " (" + notApplicable.get()
                    + " not applicable)");
        }
    }
}
