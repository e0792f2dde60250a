package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ClusterNetworkPolicy v1alpha2 cases translated from the network-policy-api conformance suite:
 * every probe line {@code x/a -> y/b 80/TCP allow|deny} must match {@code allowed(x/a[Pod], y/b[Pod])}.
 * Every case counts: their {@code requires.*} needs (Nodes, host-network pods, networks matching pod
 * IPs, named ports) are all decidable from the manifests each case carries.
 */
class ClusterNetworkPolicyConformanceTest {

    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyClusterNetworkPolicyCase() {
        List<Path> cases = ConformanceCorpus.cases("cluster-network-policy");
        assertThat(cases).as("cases").hasSizeGreaterThanOrEqualTo(76);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) {
        total.incrementAndGet();
        Cluster cluster = ConformanceCorpus.load(caseDir);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        assertThat(analysis.problems())
                .as(caseDir.getFileName() + ": analysis errors")
                .noneMatch(AnalysisProblem::isError);
        List<String> wrong = ConformanceCorpus.differingPodProbes(caseDir, cluster, analysis);
        assertThat(wrong).as(caseDir.getFileName() + ": probes that differ").isEmpty();
        agreed.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        if (total.get() > 0) {
            System.out.println("cluster-network-policy: agreed " + agreed.get() + "/" + total.get());
        }
    }
}
