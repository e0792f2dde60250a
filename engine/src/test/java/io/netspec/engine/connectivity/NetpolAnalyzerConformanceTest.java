package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every netpol-analyzer corpus case (NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy,
 * Ingress and Route): our reach lines must mean exactly what expected.txt says (pairs as a set, IP
 * ranges address by address). A case listed in {@link #KNOWN_DISAGREEMENTS} must still disagree, so
 * that the list never goes stale; it is counted as not agreed.
 */
class NetpolAnalyzerConformanceTest {

    /** Cases where we knowingly differ from upstream, with the reason. Empty when we agree on all. */
    static final Map<String, String> KNOWN_DISAGREEMENTS = Map.of();

    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyCase() {
        List<Path> cases = ConformanceCorpus.cases("netpol-analyzer");
        assertThat(cases).as("corpus cases").hasSizeGreaterThanOrEqualTo(96);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) {
        total.incrementAndGet();
        String name = caseDir.getFileName().toString();
        Cluster cluster = ConformanceCorpus.load(caseDir);
        List<String> actual =
                ConnectivityAnalysis.of(cluster).reach().map(Object::toString).toList();
        List<String> differences = ReachLines.differences(ConformanceCorpus.expectedLines(caseDir), actual);
        String known = KNOWN_DISAGREEMENTS.get(name);
        if (known != null) {
            assertThat(differences)
                    .as(name + " is a known disagreement (" + known + ") but now agrees: remove it")
                    .isNotEmpty();
            System.out.println("netpol-analyzer: known disagreement " + name + ": " + known + "\n  "
                    + String.join("\n  ", differences));
            return;
        }
        assertThat(differences).as(name + ": lines that differ").isEmpty();
        agreed.incrementAndGet();
    }

    @AfterAll
    static void summary() {
        if (total.get() > 0) {
            System.out.println("netpol-analyzer: agreed " + agreed.get() + "/" + total.get());
        }
    }
}
