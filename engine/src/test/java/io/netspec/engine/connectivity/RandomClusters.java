package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
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
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Small random clusters over a tiny label and port vocabulary, so that selectors and ports often collide. */
public final class RandomClusters {

    public static final int[] PROBE_PORTS = {1, 52, 53, 54, 79, 80, 81, 85, 90, 91, 443, 8080, 9090, 65535};
    static final String[] PROBE_ADDRESSES = {
        "0.0.0.0",
        "9.255.255.255",
        "10.0.0.1",
        "10.1.2.3",
        "10.255.255.255",
        "11.0.0.0",
        "172.16.0.1",
        "192.168.1.5",
        "192.168.2.1",
        "255.255.255.255"
    };

    private static final String[] NAMESPACES = {"a", "b", "c"};
    private static final String[][] NS_LABELS = {{"env", "prod", "dev"}, {"team", "x", "y"}};
    private static final String[][] POD_LABELS = {{"app", "web", "db", "api"}, {"tier", "fe", "be"}};
    private static final String[] POD_IPS = {"10.1.2.3", "10.0.0.1", "192.168.1.7", "172.16.0.1"};
    private static final String[] PORT_NAMES = {"http", "dns", "metrics"};
    private static final int[] PORT_NUMBERS = {53, 80, 8080, 9090};
    private static final String[][] BLOCKS = {
        {"10.0.0.0/8", "10.1.0.0/16"},
        {"192.168.1.0/24"},
        {"0.0.0.0/0", "10.0.0.0/8"},
        {"172.16.0.0/12"},
        {"10.1.2.3/32"},
        {"fd00::/8"}
    };

    private final Random random;

    public RandomClusters(long seed) {
        this.random = new Random(seed);
    }

    public Cluster next() {
        return next(5, 5, 3);
    }

    /**
     * A cluster of 2 to {@code 1 + workloadSpread} workloads, up to {@code policySpread - 1}
     * NetworkPolicies and {@code anpSpread - 1} ANPs (a BANP one time in three).
     */
    Cluster next(int workloadSpread, int policySpread, int anpSpread) {
        List<NamespaceFact> namespaces = new ArrayList<>();
        int nsCount = 2 + random.nextInt(2);
        for (int i = 0; i < nsCount; i++) {
            namespaces.add(new NamespaceFact(NAMESPACES[i], labels(NS_LABELS), Map.of(), true, SourceRef.UNKNOWN));
        }
        List<Workload> workloads = new ArrayList<>();
        int wCount = 2 + random.nextInt(workloadSpread);
        for (int i = 0; i < wCount; i++) {
            List<ContainerPort> ports = new ArrayList<>();
            int pCount = random.nextInt(4);
            for (int k = 0; k < pCount; k++) {
                String name = random.nextInt(4) == 0 ? "" : pick(PORT_NAMES);
                ports.add(new ContainerPort(
                        name, PORT_NUMBERS[random.nextInt(PORT_NUMBERS.length)], protocol(), "c" + k));
            }
            // a namespace outside the declared ones now and then: it exists implicitly
            String ns = random.nextInt(10) == 0 ? "implicit" : NAMESPACES[random.nextInt(nsCount)];
            Workload w = new Workload(
                    "Deployment",
                    "Deployment",
                    ns,
                    "w" + i,
                    labels(POD_LABELS),
                    Optional.empty(),
                    ports,
                    false,
                    1,
                    "",
                    Map.of(),
                    List.of(),
                    List.of(),
                    SourceRef.UNKNOWN);
            // half the workloads say their pod IP (a cluster dump): networks peers then match them
            workloads.add(random.nextBoolean() ? w : w.withPlacement(List.of(pick(POD_IPS)), "", ""));
        }
        List<PolicyFact> policies = new ArrayList<>();
        int polCount = random.nextInt(policySpread);
        for (int i = 0; i < polCount; i++) {
            List<PolicyRule> ingress = rules(Direction.INGRESS);
            List<PolicyRule> egress = rules(Direction.EGRESS);
            int types = random.nextInt(4);
            boolean in = types != 1;
            boolean eg = types == 0 ? !egress.isEmpty() : types != 2;
            policies.add(new PolicyFact(
                    NAMESPACES[random.nextInt(nsCount)],
                    "p" + i,
                    selector(POD_LABELS),
                    in,
                    eg,
                    ingress,
                    egress,
                    Map.of(),
                    new SourceRef("p.yaml", i + 1)));
        }
        List<ClusterNetworkPolicyFact> admin = new ArrayList<>();
        int anpCount = random.nextInt(anpSpread);
        for (int i = 0; i < anpCount; i++) {
            // priorities from a tiny range: equal ones happen (an error the analysis reports; input order decides)
            admin.add(adminPolicy("anp" + i, false, 1 + random.nextInt(3)));
        }
        if (random.nextInt(3) == 0) {
            admin.add(adminPolicy("default", true, 0));
        }
        // ClusterNetworkPolicy v1alpha2 too: both tiers, priorities, Accept/Deny/Pass
        int cnpCount = random.nextInt(anpSpread);
        for (int i = 0; i < cnpCount; i++) {
            admin.add(clusterNetworkPolicy("cnp" + i, random.nextBoolean(), 1 + random.nextInt(3)));
        }
        return Cluster.builder()
                .namespaces(namespaces)
                .workloads(workloads)
                .policies(policies)
                .adminPolicies(admin)
                .build();
    }

    private ClusterNetworkPolicyFact clusterNetworkPolicy(String name, boolean baseline, int priority) {
        ClusterNetworkPolicyFact p = adminPolicy(name, false, priority);
        return new ClusterNetworkPolicyFact(
                name,
                baseline,
                priority,
                p.subject(),
                accept(p.ingress()),
                accept(p.egress()),
                p.source(),
                ClusterNetworkPolicyFact.CLUSTER_NETWORK_POLICY);
    }

    /** v1alpha2 spells Allow as Accept. */
    private static List<ClusterNetworkPolicyFact.Rule> accept(List<ClusterNetworkPolicyFact.Rule> rules) {
        return rules.stream()
                .map(r -> new ClusterNetworkPolicyFact.Rule(
                        r.name(), r.action().equals("Allow") ? "Accept" : r.action(), r.peers(), r.ports(), r.source()))
                .toList();
    }

    private ClusterNetworkPolicyFact adminPolicy(String name, boolean baseline, int priority) {
        Optional<Selector> pods = random.nextBoolean() ? Optional.empty() : Optional.of(selector(POD_LABELS));
        ClusterNetworkPolicyFact.Subject subject = new ClusterNetworkPolicyFact.Subject(selector(NS_LABELS), pods);
        return new ClusterNetworkPolicyFact(
                name,
                baseline,
                priority,
                subject,
                adminRules(baseline, false),
                adminRules(baseline, true),
                new SourceRef("anp.yaml", 1));
    }

    private List<ClusterNetworkPolicyFact.Rule> adminRules(boolean baseline, boolean egress) {
        List<ClusterNetworkPolicyFact.Rule> out = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            String action =
                    baseline ? (random.nextBoolean() ? "Allow" : "Deny") : pick(new String[] {"Allow", "Deny", "Pass"});
            List<ClusterNetworkPolicyFact.Peer> peers = new ArrayList<>();
            int peerCount = 1 + random.nextInt(2);
            for (int k = 0; k < peerCount; k++) {
                peers.add(adminPeer(egress));
            }
            List<ClusterNetworkPolicyFact.Port> ports = new ArrayList<>();
            int portCount = random.nextInt(3);
            for (int k = 0; k < portCount; k++) {
                ports.add(
                        switch (random.nextInt(3)) {
                            case 0 ->
                                new ClusterNetworkPolicyFact.Port(
                                        protocol(), PORT_NUMBERS[random.nextInt(PORT_NUMBERS.length)], 0, "");
                            case 1 ->
                                new ClusterNetworkPolicyFact.Port(
                                        protocol(), 50 + random.nextInt(40), 80 + random.nextInt(9000), "");
                            default -> new ClusterNetworkPolicyFact.Port(Protocol.TCP, 0, 0, pick(PORT_NAMES));
                        });
            }
            out.add(new ClusterNetworkPolicyFact.Rule(
                    "r" + i, action, peers, ports, new SourceRef("anp.yaml", 10 + i)));
        }
        return out;
    }

    private ClusterNetworkPolicyFact.Peer adminPeer(boolean egress) {
        int kind = random.nextInt(egress ? 4 : 2);
        return switch (kind) {
            case 0 ->
                new ClusterNetworkPolicyFact.Peer(
                        Optional.of(selector(NS_LABELS)), Optional.empty(), List.of(), Optional.empty());
            case 1 ->
                new ClusterNetworkPolicyFact.Peer(
                        Optional.of(selector(NS_LABELS)),
                        Optional.of(selector(POD_LABELS)),
                        List.of(),
                        Optional.empty());
            case 2 ->
                new ClusterNetworkPolicyFact.Peer(
                        Optional.empty(),
                        Optional.empty(),
                        List.of(
                                Facts.cidr(BLOCKS[random.nextInt(BLOCKS.length)][0]),
                                Facts.cidr(pick(new String[] {"10.1.2.3/32", "192.168.0.0/16", "fd00::/8"}))),
                        Optional.empty());
            default ->
                new ClusterNetworkPolicyFact.Peer(
                        Optional.empty(), Optional.empty(), List.of(), Optional.of(selector(POD_LABELS)));
        };
    }

    private List<PolicyRule> rules(Direction direction) {
        List<PolicyRule> out = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            List<PolicyPeer> peers = new ArrayList<>();
            int peerCount = random.nextInt(3);
            for (int k = 0; k < peerCount; k++) {
                peers.add(peer());
            }
            List<PolicyPort> ports = new ArrayList<>();
            int portCount = random.nextInt(3);
            for (int k = 0; k < portCount; k++) {
                ports.add(port());
            }
            out.add(new PolicyRule(direction, i, peers, ports, new SourceRef("p.yaml", 100 + i)));
        }
        return out;
    }

    private PolicyPeer peer() {
        return switch (random.nextInt(4)) {
            case 0 ->
                new PolicyPeer(
                        Optional.of(selector(POD_LABELS)), Optional.empty(), Optional.empty(), SourceRef.UNKNOWN);
            case 1 ->
                new PolicyPeer(Optional.empty(), Optional.of(selector(NS_LABELS)), Optional.empty(), SourceRef.UNKNOWN);
            case 2 ->
                new PolicyPeer(
                        Optional.of(selector(POD_LABELS)),
                        Optional.of(selector(NS_LABELS)),
                        Optional.empty(),
                        SourceRef.UNKNOWN);
            default -> {
                String[] block = BLOCKS[random.nextInt(BLOCKS.length)];
                List<Cidr> except = new ArrayList<>();
                for (int i = 1; i < block.length; i++) {
                    except.add(Facts.cidr(block[i]));
                }
                yield new PolicyPeer(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new IpBlock(Facts.cidr(block[0]), except)),
                        SourceRef.UNKNOWN);
            }
        };
    }

    private PolicyPort port() {
        Protocol protocol = protocol();
        return switch (random.nextInt(4)) {
            case 0 -> new PolicyPort(protocol, PortRef.ANY, 0);
            case 1 -> new PolicyPort(protocol, PortRef.named(pick(PORT_NAMES)), 0);
            case 2 -> {
                int[][] ranges = {{80, 90}, {50, 60}, {8000, 9090}, {53, 53}};
                int[] r = ranges[random.nextInt(ranges.length)];
                yield new PolicyPort(protocol, PortRef.number(r[0]), r[1]);
            }
            default -> new PolicyPort(protocol, PortRef.number(PORT_NUMBERS[random.nextInt(PORT_NUMBERS.length)]), 0);
        };
    }

    private Selector selector(String[][] vocabulary) {
        Map<String, String> match = new HashMap<>();
        List<LabelRequirement> expressions = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            String[] v = vocabulary[random.nextInt(vocabulary.length)];
            match.put(v[0], v[1 + random.nextInt(v.length - 1)]);
        }
        if (random.nextInt(3) == 0) {
            String[] v = vocabulary[random.nextInt(vocabulary.length)];
            LabelRequirement.Operator op = LabelRequirement.Operator.values()[random.nextInt(4)];
            List<String> values = switch (op) {
                case IN, NOT_IN -> List.of(v[1 + random.nextInt(v.length - 1)], v[1 + random.nextInt(v.length - 1)]);
                default -> List.of();
            };
            expressions.add(new LabelRequirement(v[0], op, values));
        }
        return new Selector(match, expressions);
    }

    private Map<String, String> labels(String[][] vocabulary) {
        Map<String, String> out = new HashMap<>();
        for (String[] v : vocabulary) {
            if (random.nextInt(3) != 0) {
                out.put(v[0], v[1 + random.nextInt(v.length - 1)]);
            }
        }
        return out;
    }

    private Protocol protocol() {
        return Protocol.values()[random.nextInt(3)];
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
