package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.calico.NaiveCalico;
import io.netspec.engine.connectivity.layer.AdminPolicyCompiler;
import io.netspec.engine.connectivity.layer.CalicoCompiler;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Calico cases ({@code ../shared/conformance/calico/}): every probe line
 * {@code src -> dst target allow|deny upstream} must get the corpus verdict. Cases flagged
 * {@code requires.icmp-type-code=true} are run and counted like the others (netspec models ICMP type
 * and code); those flagged {@code requires.source-ports=true} are counted as not applicable and
 * reported as skipped, never as passes; {@code uses.*} flags only describe a case.
 */
class CalicoConformanceTest {

    private static final AtomicInteger agreed = new AtomicInteger();
    private static final AtomicInteger total = new AtomicInteger();
    private static final AtomicInteger notApplicable = new AtomicInteger();
    private static final AtomicInteger lines = new AtomicInteger();

    /** The corpus' {@code requires.*} flags that netspec models: such cases are run and must agree. */
    private static final Set<String> MODELLED = Set.of("requires.icmp-type-code");

    @TestFactory
    Stream<DynamicTest> everyCalicoCase() {
        List<Path> cases = ConformanceCorpus.cases("calico");
        assertThat(cases).as("cases").hasSizeGreaterThanOrEqualTo(71);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) {
        Properties props = ConformanceCorpus.properties(caseDir);
        // ICMP type and code are modelled, so those cases count like any other; source ports are not.
        List<String> requires = props.stringPropertyNames().stream()
                .filter(k -> k.startsWith("requires.") && Boolean.parseBoolean(props.getProperty(k)))
                .filter(k -> !MODELLED.contains(k))
                .sorted()
                .toList();
        if (!requires.isEmpty()) {
            notApplicable.incrementAndGet();
            Assumptions.abort("not applicable: " + String.join(", ", requires));
        }
        total.incrementAndGet();
        List<String> wrong = differences(caseDir);
        assertThat(wrong).as(caseDir.getFileName() + ": probes that differ").isEmpty();
        agreed.incrementAndGet();
    }

    /** The probe lines netspec gets wrong (and, as an assertion, those the naive reference gets wrong). */
    private static List<String> differences(Path caseDir) {
        Cluster cluster = ConformanceCorpus.load(caseDir);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, CALICO);
        NaiveCalico naive = new NaiveCalico(cluster);
        List<String> wrong = new ArrayList<>();
        List<String> naiveWrong = new ArrayList<>();
        List<String> probes = ConformanceCorpus.expectedLines(caseDir);
        for (String line : probes) {
            Probe p = Probe.parse(line, cluster);
            boolean actual = p.allowedBy(analysis);
            if (actual != p.allow()) {
                wrong.add(line + " (netspec: " + (actual ? "allow" : "deny") + ")");
            }
            if (naive.allowed(p.src(), p.dst(), p.packet()) != p.allow()) {
                naiveWrong.add(line);
            }
        }
        lines.addAndGet(probes.size());
        assertThat(probes).as("probe lines").isNotEmpty();
        // The naive reference the property test trusts must agree with the corpus too.
        assertThat(naiveWrong)
                .as(caseDir.getFileName() + ": probes the naive reference gets wrong")
                .isEmpty();
        return wrong;
    }

    static final List<PolicyCompiler> CALICO = List.of(new AdminPolicyCompiler(), new CalicoCompiler());

    /** One probe line of the corpus grammar. */
    record Probe(
            NaiveCalico.End src,
            NaiveCalico.End dst,
            NaiveCalico.Packet packet,
            boolean allow,
            Endpoint source,
            Endpoint destination) {

        static Probe parse(String line, Cluster cluster) {
            String[] f = line.trim().split(" ");
            return new Probe(
                    end(f[0], cluster),
                    end(f[2], cluster),
                    packet(f[3]),
                    f[4].equals("allow"),
                    endpoint(f[0], cluster),
                    endpoint(f[2], cluster));
        }

        boolean allowedBy(ConnectivityAnalysis analysis) {
            ConnectionSet allowed = analysis.allowed(source, destination);
            if (packet instanceof NaiveCalico.L4 l4) {
                return allowed.contains(l4.proto(), l4.port());
            }
            if (packet instanceof NaiveCalico.Icmp icmp) {
                return allowed.containsIcmp(icmp.type(), icmp.code());
            }
            return allowed.containsProtocol(packet.protocol());
        }

        static Endpoint endpoint(String ref, Cluster cluster) {
            if (!ref.contains("/")) {
                long ip = Facts.parseIp(ref);
                return new Endpoint.External(ip, ip);
            }
            return new Endpoint.OfWorkload(cluster.findWorkloads(ref + "[Pod]").get(0));
        }

        static NaiveCalico.Packet packet(String target) {
            int slash = target.indexOf('/');
            String left = target.substring(0, slash);
            String right = target.substring(slash + 1);
            if (right.equals("ICMP")) {
                String[] tc = left.split(":");
                return new NaiveCalico.Icmp(Integer.parseInt(tc[0]), Integer.parseInt(tc[1]));
            }
            if (left.equals("-")) {
                return new NaiveCalico.Other(Integer.parseInt(right));
            }
            return new NaiveCalico.L4(Protocol.parse(right).orElseThrow(), Integer.parseInt(left));
        }

        static NaiveCalico.End end(String ref, Cluster cluster) {
            if (!ref.contains("/")) {
                return new NaiveCalico.Outside(Facts.parseIp(ref));
            }
            List<Workload> found = cluster.findWorkloads(ref + "[Pod]");
            assertThat(found).as("workload " + ref + "[Pod]").hasSize(1);
            return new NaiveCalico.PodEnd(CalicoEndpoints.pod(found.get(0)));
        }
    }

    @AfterAll
    static void summary() {
        if (total.get() + notApplicable.get() > 0) {
            System.out.println("calico: agreed " + agreed.get() + "/" + total.get() + " (" + notApplicable.get()
                    + " not applicable: source ports; " + lines.get() + " probe lines checked)");
        }
    }
}
