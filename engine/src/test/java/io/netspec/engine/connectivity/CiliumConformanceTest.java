package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Cilium cases ({@code ../shared/conformance/cilium}): every probe line
 * {@code ns/pod -> ns/pod|a.b.c.d port/PROTO allow|deny} must match {@link ConnectivityAnalysis} with Cilium's
 * compilers (chosen because the cases carry Cilium policies; NetworkPolicy-only cases are forced to Cilium). A case with any
 * {@code requires.*=true} that netspec does not model ({@link #MODELLED}) is not applicable (counted apart, reported as
 * skipped, never as a pass).
 *
 * <p>{@link #KNOWN} lists the cases that disagree today, each with the reason; such a case must still
 * disagree (so the list cannot go stale), and every other applicable case must agree line for line.
 */
class CiliumConformanceTest {

    /** Disagreeing cases and why; see the issue note. Empty: every decidable case agrees. */
    static final Map<String, String> KNOWN = Map.of();

    /**
     * The corpus' {@code requires.*} flags netspec models: such cases run and must agree. The kube-apiserver entity is
     * the addresses of the case's {@code default/kubernetes} EndpointSlice ({@code manifests/other.yaml}).
     */
    static final Set<String> MODELLED = Set.of("requires.kube-apiserver-entity");

    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();
    private static final AtomicInteger notApplicable = new AtomicInteger();
    private static final AtomicInteger linesAgreed = new AtomicInteger();
    private static final AtomicInteger linesTotal = new AtomicInteger();
    private static final Map<String, String> disagreeing = new TreeMap<>();

    @TestFactory
    Stream<DynamicTest> everyCiliumCase() {
        List<Path> cases = ConformanceCorpus.cases("cilium");
        assertThat(cases).as("cases").hasSizeGreaterThanOrEqualTo(69);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    static boolean notApplicable(Properties p) {
        return p.stringPropertyNames().stream()
                .anyMatch(k -> k.startsWith("requires.")
                        && !MODELLED.contains(k)
                        && Boolean.parseBoolean(p.getProperty(k).trim()));
    }

    /** The kube-apiserver family runs (it is no longer "not applicable") and agrees line for line. */
    @Test
    void kubeApiServerCasesAreModelledAndAgree() {
        List<Path> cases = ConformanceCorpus.cases("cilium").stream()
                .filter(c -> "kube-apiserver"
                        .equals(ConformanceCorpus.properties(c)
                                .getProperty("feature.family", "")
                                .trim()))
                .toList();
        assertThat(cases).as("kube-apiserver cases").hasSizeGreaterThanOrEqualTo(3);
        for (Path c : cases) {
            assertThat(notApplicable(ConformanceCorpus.properties(c)))
                    .as(c.getFileName() + " applicable")
                    .isFalse();
            assertThat(wrongLines(c))
                    .as(c.getFileName() + ": probes that differ")
                    .isEmpty();
        }
    }

    private static void check(Path caseDir) {
        String name = caseDir.getFileName().toString();
        if (notApplicable(ConformanceCorpus.properties(caseDir))) {
            notApplicable.incrementAndGet();
            Assumptions.abort("not applicable: the verdict needs identities manifests do not fix");
        }
        total.incrementAndGet();
        List<String> lines = ConformanceCorpus.expectedLines(caseDir);
        List<String> wrong = wrongLines(caseDir);
        linesTotal.addAndGet(lines.size());
        linesAgreed.addAndGet(lines.size() - wrong.size());
        assertThat(lines).as("probe lines").isNotEmpty();
        if (!wrong.isEmpty()) {
            disagreeing.put(name, String.join("; ", wrong));
        }
        if (KNOWN.containsKey(name)) {
            assertThat(wrong)
                    .as(name + " is listed as disagreeing (" + KNOWN.get(name) + ") but now agrees: take it"
                            + " off the list")
                    .isNotEmpty();
            return;
        }
        assertThat(wrong).as(name + ": probes that differ").isEmpty();
        agreed.incrementAndGet();
    }

    /** The probe lines of a case netspec gets wrong, each with netspec's verdict. */
    private static List<String> wrongLines(Path caseDir) {
        Cluster cluster = ConformanceCorpus.load(caseDir);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, ConnectivityAnalysis.CILIUM_COMPILERS);
        List<String> wrong = new ArrayList<>();
        for (String line : ConformanceCorpus.expectedLines(caseDir)) {
            String[] f = line.trim().split(" ");
            String[] portProto = f[3].split("/");
            boolean expected = f[4].equals("allow");
            boolean actual = analysis.allowed(peer(cluster, f[0]), peer(cluster, f[2]))
                    .contains(Protocol.parse(portProto[1]).orElseThrow(), Integer.parseInt(portProto[0]));
            if (actual != expected) {
                wrong.add(line + " (netspec: " + (actual ? "allow" : "deny") + ")");
            }
        }
        return wrong;
    }

    static Endpoint peer(Cluster cluster, String ref) {
        if (Character.isDigit(ref.charAt(0)) && !ref.contains("/")) {
            long ip = Ipv4.parse(ref).orElseThrow();
            return new Endpoint.External(ip, ip);
        }
        List<Workload> found = cluster.findWorkloads(ref + "[Pod]");
        assertThat(found).as("workload " + ref + "[Pod]").hasSize(1);
        return new Endpoint.OfWorkload(found.get(0));
    }

    @AfterAll
    static void summary() {
        if (total.get() + notApplicable.get() > 0) {
            System.out.println("cilium: agreed " + agreed.get() + "/" + total.get() + " cases (" + notApplicable.get()
                    + " not applicable), " + linesAgreed.get() + "/" + linesTotal.get() + " probe lines");
            disagreeing.forEach((k, v) -> System.out.println("  disagrees: " + k + ": " + v));
        }
    }
}
