package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ConfigRef;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.IngressRoute;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.facts.ServiceSelects;
import io.netspec.engine.rules.facts.UnresolvedNamedPort;
import io.netspec.engine.rules.facts.UnresolvedTargetPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The indexed derivation ({@link ClusterIndex}) against the definitions it replaced, which scan
 * every workload per policy, Service and peer: on random small clusters (namespaces declared or
 * not, overlapping label classes, selectors with expressions, named ports, ipBlocks, Services
 * and Ingresses) both give the same facts in the same order.
 */
class IndexedDerivationTest {

    @Property(tries = 300)
    void derivedFactsEqualTheScanningDefinition(@ForAll long seed) {
        Cluster cluster = new RandomCluster(new Random(seed)).build();
        Network net = Network.of(cluster);
        List<Object> scanned = Scanning.derivedFacts(cluster);
        // each kind of fact in the scan's order; the Isolation facts, which ask the analysis, after the others
        List<Object> others =
                scanned.stream().filter(f -> !(f instanceof Isolation)).toList();
        List<Object> isolation =
                scanned.stream().filter(Isolation.class::isInstance).toList();
        assertThat(DerivedFacts.withoutAnalysis(cluster, net)).isEqualTo(others);
        assertThat(DerivedFacts.isolation(cluster, net)).isEqualTo(isolation);
        List<Object> both = new ArrayList<>(others);
        both.addAll(isolation);
        assertThat(DerivedFacts.of(cluster, Network.of(cluster))).isEqualTo(both);
    }

    /** What lets a check derive facts while the analysis is computed on another thread. */
    @Property(tries = 100)
    void onlyTheIsolationFactsAskTheConnectivityAnalysis(@ForAll long seed) {
        Cluster cluster = new RandomCluster(new Random(seed)).build();
        AtomicInteger computed = new AtomicInteger();
        Network net = new Network(cluster, () -> {
            computed.incrementAndGet();
            return ConnectivityAnalysis.of(cluster);
        });
        DerivedFacts.withoutAnalysis(cluster, net);
        assertThat(computed)
                .as("analyses computed for the facts without Isolation")
                .hasValue(0);
        DerivedFacts.isolation(cluster, net);
        assertThat(computed).hasValue(cluster.workloads().isEmpty() ? 0 : 1);
    }

    @Property(tries = 300)
    void networkQuestionsEqualTheScanningDefinitions(@ForAll long seed) {
        Cluster cluster = new RandomCluster(new Random(seed)).build();
        Network net = Network.of(cluster);
        for (Workload w : cluster.workloads()) {
            for (Direction d : Direction.values()) {
                assertThat(net.selecting(w, d)).isEqualTo(Scanning.selecting(cluster, w, d));
            }
            assertThat(Exposure.exposersOf(cluster, w)).isEqualTo(Scanning.exposersOf(cluster, w));
        }
        for (PolicyFact p : cluster.policies()) {
            assertThat(net.selectedWorkloads(p))
                    .isEqualTo(cluster.workloads().stream().filter(p::selects).toList());
            for (PolicyRule r : PolicyShapes.rulesOf(p)) {
                for (PolicyPeer peer : r.peers()) {
                    assertThat(net.workloadsMatching(p, peer)).isEqualTo(Scanning.workloadsMatching(cluster, p, peer));
                }
            }
        }
    }

    @Test
    void aWorkloadThatIsNotAnObjectOfTheClusterIsAnsweredByScanning() {
        Cluster cluster = new RandomCluster(new Random(7)).build();
        Workload stranger = new Workload(
                "Deployment",
                "Deployment",
                "ns0",
                "stranger",
                Map.of("app", "x"),
                Optional.empty(),
                List.of(),
                false,
                1,
                "",
                Map.of(),
                List.of(),
                List.of(),
                SourceRef.UNKNOWN);
        Network net = Network.of(cluster);
        for (Direction d : Direction.values()) {
            assertThat(net.selecting(stranger, d)).isEqualTo(Scanning.selecting(cluster, stranger, d));
        }
        assertThat(Exposure.exposersOf(cluster, stranger)).isEqualTo(Scanning.exposersOf(cluster, stranger));
    }

    @Test
    void theIndexIsOwnedByTheChecksNetworkAndHelpersGivenItAnswerAsTheClusterForms() {
        Cluster cluster = new RandomCluster(new Random(11)).build();
        Network net = Network.of(cluster);
        assertThat(net.index()).isSameAs(net.index());
        assertThat(ClusterIndex.of(cluster))
                .as("no process-wide cache hands out the network's index")
                .isNotSameAs(net.index());
        assertThat(Network.of(cluster).index())
                .as("another check, another index")
                .isNotSameAs(net.index());
        for (Workload w : cluster.workloads()) {
            assertThat(Exposure.exposersOf(net, w)).isEqualTo(Exposure.exposersOf(cluster, w));
            assertThat(ServiceReferences.callsIn(net, w)).isEqualTo(ServiceReferences.callsIn(cluster, w));
            assertThat(ServiceReferences.unknownIn(net, w)).isEqualTo(ServiceReferences.unknownIn(cluster, w));
        }
    }

    /** The definitions before the index, kept verbatim as the reference. */
    static final class Scanning {

        static List<Object> derivedFacts(Cluster cluster) {
            List<Object> out = new ArrayList<>();
            for (Workload w : cluster.workloads()) {
                for (Direction d : Direction.values()) {
                    boolean isolated = false;
                    for (PolicyFact p : cluster.policies()) {
                        if (p.isolates(d) && p.selects(w)) {
                            out.add(new Selects(p, w, d));
                            isolated = true;
                        }
                    }
                    out.add(new Isolation(w, d, isolated));
                }
            }
            for (ServiceFact s : cluster.services()) {
                for (Workload w : cluster.workloads()) {
                    if (!s.selects(w)) {
                        continue;
                    }
                    out.add(new ServiceSelects(s, w));
                    for (ServicePort sp : s.ports()) {
                        if (sp.targetPort().isNamed()) {
                            List<ContainerPort> named =
                                    w.portsNamed(sp.targetPort().name(), sp.protocol());
                            out.add(
                                    named.isEmpty()
                                            ? new UnresolvedTargetPort(s, sp, w)
                                            : new Backs(s, sp, w, named.get(0), true));
                        } else {
                            int number = sp.targetPort().isAny()
                                    ? sp.port()
                                    : sp.targetPort().number();
                            Optional<ContainerPort> declared = w.ports().stream()
                                    .filter(cp -> cp.port() == number && cp.protocol() == sp.protocol())
                                    .findFirst();
                            out.add(new Backs(
                                    s,
                                    sp,
                                    w,
                                    declared.orElse(new ContainerPort("", number, sp.protocol(), "")),
                                    declared.isPresent()));
                        }
                    }
                }
            }
            for (PolicyFact p : cluster.policies()) {
                for (PolicyRule rule : p.ingress()) {
                    unresolved(
                            p,
                            rule,
                            cluster.workloads().stream().filter(p::selects).toList(),
                            out);
                }
                for (PolicyRule rule : p.egress()) {
                    if (!rule.allPeers() && rule.peers().stream().allMatch(PolicyPeer::isIpBlock)) {
                        continue;
                    }
                    Set<Workload> targets = new LinkedHashSet<>();
                    if (rule.allPeers()) {
                        targets.addAll(cluster.workloads());
                    } else {
                        rule.peers().forEach(peer -> targets.addAll(workloadsMatching(cluster, p, peer)));
                    }
                    unresolved(p, rule, List.copyOf(targets), out);
                }
            }
            for (IngressFact i : cluster.ingresses()) {
                for (IngressBackend b : i.backends()) {
                    cluster.service(i.namespace(), b.serviceName()).ifPresent(s -> out.add(new IngressRoute(i, b, s)));
                }
            }
            out.addAll(DerivedFacts.configuredCalls(ClusterIndex.of(cluster)));
            return out;
        }

        private static void unresolved(PolicyFact p, PolicyRule rule, List<Workload> targets, List<Object> out) {
            for (PolicyPort port : rule.ports()) {
                if (port.port().isNamed()
                        && targets.stream()
                                .noneMatch(w -> !w.portsNamed(port.port().name(), port.protocol())
                                        .isEmpty())) {
                    out.add(new UnresolvedNamedPort(p, rule, port));
                }
            }
        }

        static List<PolicyFact> selecting(Cluster cluster, Workload workload, Direction direction) {
            return cluster.policies().stream()
                    .filter(p -> p.isolates(direction) && p.selects(workload))
                    .toList();
        }

        static List<Workload> workloadsMatching(Cluster cluster, PolicyFact policy, PolicyPeer peer) {
            if (peer.isIpBlock()) {
                return List.of();
            }
            Map<String, Map<String, String>> nsLabels = cluster.namespaceLabels();
            List<Workload> out = new ArrayList<>();
            for (Workload w : cluster.workloads()) {
                boolean nsOk = peer.namespaceSelector()
                        .map(s -> s.matches(
                                nsLabels.getOrDefault(w.namespace(), Map.of(NamespaceFact.NAME_LABEL, w.namespace()))))
                        .orElse(w.namespace().equals(policy.namespace()));
                boolean podOk =
                        peer.podSelector().map(s -> s.matches(w.podLabels())).orElse(true);
                if (nsOk && podOk) {
                    out.add(w);
                }
            }
            return out;
        }

        static List<Object> exposersOf(Cluster cluster, Workload workload) {
            List<Object> out = new ArrayList<>();
            for (ServiceFact s : cluster.services()) {
                if (s.isExternallyExposed() && s.selects(workload)) {
                    out.add(s);
                }
            }
            for (IngressFact i : cluster.ingresses()) {
                for (IngressBackend b : i.backends()) {
                    if (cluster.service(i.namespace(), b.serviceName())
                            .filter(s -> s.selects(workload))
                            .isPresent()) {
                        out.add(i);
                        break;
                    }
                }
            }
            return out;
        }
    }

    /** A small cluster drawn from a few labels, names and ports, so that selectors often overlap. */
    static final class RandomCluster {
        private static final String[] NAMESPACES = {"ns0", "ns1", "ns2", "ns3"};
        private static final String[] KEYS = {"app", "tier", "v"};
        private static final String[] VALUES = {"x", "y", "z"};
        private static final String[] PORT_NAMES = {"http", "dns", "metrics", "missing"};

        private final Random random;
        private int line;

        RandomCluster(Random random) {
            this.random = random;
        }

        Cluster build() {
            List<NamespaceFact> namespaces = new ArrayList<>();
            for (String ns : NAMESPACES) {
                if (random.nextInt(3) > 0) {
                    namespaces.add(new NamespaceFact(
                            ns, Map.of("team", pick("a", "b"), "env", pick("prod", "dev")), Map.of(), true, src()));
                }
            }
            List<Workload> workloads = new ArrayList<>();
            for (int i = random.nextInt(20); i > 0; i--) {
                Workload w = workload("w" + i);
                workloads.add(w);
                if (random.nextInt(8) == 0) {
                    workloads.add(w); // the same object twice: scans list it twice
                }
            }
            List<ServiceFact> services = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                services.add(service("svc" + random.nextInt(4)));
            }
            List<PolicyFact> policies = new ArrayList<>();
            for (int i = random.nextInt(8); i > 0; i--) {
                policies.add(policy("p" + i));
            }
            List<IngressFact> ingresses = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                List<IngressBackend> backends = new ArrayList<>();
                for (int b = random.nextInt(3); b > 0; b--) {
                    backends.add(new IngressBackend("svc" + random.nextInt(5), PortRef.ANY, "", "", src()));
                }
                ingresses.add(new IngressFact(namespace(), "ing" + i, "", backends, Map.of(), src()));
            }
            List<ConfigMapFact> configMaps =
                    List.of(new ConfigMapFact("ns0", "cfg", Map.of("url", "http://svc1.ns1:80"), src()));
            // build() adds undeclared namespaces; a hand-built cluster may keep them out
            Cluster.Builder b = Cluster.builder()
                    .namespaces(namespaces)
                    .workloads(workloads)
                    .services(services)
                    .ingresses(ingresses)
                    .policies(policies)
                    .configMaps(configMaps);
            return random.nextBoolean()
                    ? b.build()
                    : b.withoutImplicitNamespaces().build();
        }

        private Workload workload(String name) {
            List<ContainerPort> ports = new ArrayList<>();
            for (String port : PORT_NAMES) {
                if (random.nextInt(3) == 0) {
                    ports.add(new ContainerPort(
                            port,
                            8000 + random.nextInt(3),
                            random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP,
                            "main"));
                }
            }
            List<String> config = random.nextBoolean() ? List.of("svc" + random.nextInt(4), "svc2.ns0:80") : List.of();
            return new Workload(
                    "Deployment",
                    "Deployment",
                    namespace(),
                    name,
                    labels(),
                    Optional.empty(),
                    ports,
                    false,
                    1,
                    "",
                    Map.of(),
                    config,
                    random.nextBoolean()
                            ? List.of(new ConfigRef("cfg", List.of(), ConfigRef.Use.ENV))
                            : List.<ConfigRef>of(),
                    src());
        }

        private ServiceFact service(String name) {
            Optional<Map<String, String>> selector = switch (random.nextInt(4)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(Map.of());
                default -> Optional.of(labels());
            };
            List<ServicePort> ports = new ArrayList<>();
            for (int i = random.nextInt(3); i > 0; i--) {
                PortRef target = switch (random.nextInt(3)) {
                    case 0 -> PortRef.ANY;
                    case 1 -> PortRef.number(8000 + random.nextInt(3));
                    default -> PortRef.named(pick(PORT_NAMES));
                };
                ports.add(new ServicePort("", 80 + i, random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP, target, 0));
            }
            return new ServiceFact(
                    namespace(),
                    name,
                    pick("ClusterIP", "NodePort", "LoadBalancer"),
                    selector,
                    ports,
                    false,
                    "",
                    Map.of(),
                    src());
        }

        private PolicyFact policy(String name) {
            String ns = namespace();
            return new PolicyFact(
                    ns,
                    name,
                    selector(),
                    random.nextInt(4) > 0,
                    random.nextBoolean(),
                    rules(Direction.INGRESS),
                    rules(Direction.EGRESS),
                    Map.of(),
                    src());
        }

        private List<PolicyRule> rules(Direction direction) {
            List<PolicyRule> out = new ArrayList<>();
            for (int i = 0; i < random.nextInt(3); i++) {
                List<PolicyPeer> peers = new ArrayList<>();
                for (int p = random.nextInt(3); p > 0; p--) {
                    peers.add(
                            switch (random.nextInt(4)) {
                                case 0 ->
                                    new PolicyPeer(Optional.of(selector()), Optional.empty(), Optional.empty(), src());
                                case 1 ->
                                    new PolicyPeer(
                                            Optional.empty(),
                                            Optional.of(namespaceSelector()),
                                            Optional.empty(),
                                            src());
                                case 2 ->
                                    new PolicyPeer(
                                            Optional.of(selector()),
                                            Optional.of(namespaceSelector()),
                                            Optional.empty(),
                                            src());
                                default ->
                                    new PolicyPeer(
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.of(new IpBlock(
                                                    new Cidr("10.0.0.0/8", false, 0x0A000000L, 0x0AFFFFFFL),
                                                    List.of())),
                                            src());
                            });
                }
                List<PolicyPort> ports = new ArrayList<>();
                for (int p = random.nextInt(3); p > 0; p--) {
                    PortRef port = random.nextBoolean() ? PortRef.named(pick(PORT_NAMES)) : PortRef.number(8000);
                    ports.add(new PolicyPort(random.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP, port, 0));
                }
                out.add(new PolicyRule(direction, i, peers, ports, src()));
            }
            return out;
        }

        private Selector selector() {
            Map<String, String> labels = random.nextInt(3) == 0 ? Map.of() : labels();
            List<LabelRequirement> expressions = new ArrayList<>();
            if (random.nextInt(3) == 0) {
                LabelRequirement.Operator op = LabelRequirement.Operator.values()[random.nextInt(4)];
                List<String> values = op == LabelRequirement.Operator.IN || op == LabelRequirement.Operator.NOT_IN
                        ? List.of(pick(VALUES), pick(VALUES))
                        : List.of();
                expressions.add(new LabelRequirement(pick(KEYS), op, values));
            }
            return new Selector(labels, expressions);
        }

        private Selector namespaceSelector() {
            return switch (random.nextInt(4)) {
                case 0 -> Selector.ALL;
                case 1 -> Selector.of(Map.of(NamespaceFact.NAME_LABEL, namespace()));
                case 2 -> Selector.of(Map.of("team", pick("a", "b")));
                default ->
                    new Selector(
                            Map.of(),
                            List.of(new LabelRequirement("env", LabelRequirement.Operator.IN, List.of("prod"))));
            };
        }

        private Map<String, String> labels() {
            Map<String, String> out = new HashMap<>();
            for (String key : KEYS) {
                if (random.nextBoolean()) {
                    out.put(key, pick(VALUES));
                }
            }
            return out;
        }

        private String namespace() {
            return pick(NAMESPACES);
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private SourceRef src() {
            return new SourceRef("random.yaml", ++line);
        }
    }
}
