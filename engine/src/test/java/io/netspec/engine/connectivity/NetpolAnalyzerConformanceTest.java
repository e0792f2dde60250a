package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every netpol-analyzer corpus case with only NetworkPolicies (or no policy at all): our reach
 * lines must mean exactly what expected.txt says (pairs as a set, IP ranges address by address).
 */
class NetpolAnalyzerConformanceTest {

    private static final Set<String> IN_SCOPE = Set.of("k8s-netpol", "none");
    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyNetworkPolicyCase() {
        List<Path> cases = ConformanceCorpus.cases("netpol-analyzer").stream()
                .filter(c -> IN_SCOPE.contains(ConformanceCorpus.properties(c).getProperty("policy.kinds", "").trim()))
                .toList();
        assertThat(cases).as("cases in scope").hasSizeGreaterThanOrEqualTo(34);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) {
        total.incrementAndGet();
        Cluster cluster = ConformanceCorpus.load(caseDir);
        List<String> actual = ConnectivityAnalysis.of(cluster).reach().map(Object::toString).toList();
        List<String> differences = ReachLines.differences(ConformanceCorpus.expectedLines(caseDir), actual);
        assertThat(differences).as(caseDir.getFileName() + ": lines that differ").isEmpty();
        agreed.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        if (total.get() > 0) {
            System.out.println("netpol-analyzer: agreed " + agreed.get() + "/" + total.get());
        }
    }
}
