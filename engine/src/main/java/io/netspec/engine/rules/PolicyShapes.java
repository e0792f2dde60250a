package io.netspec.engine.rules;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Questions about the shape of one NetworkPolicy rule or peer that built-in packs ask from DRL
 * ({@code import function} or {@code PolicyShapes.x(...)} in a constraint). Pure functions of the
 * facts: no connectivity computation.
 */
public final class PolicyShapes {

    private PolicyShapes() {}

    /**
     * The rules Kubernetes applies: the policy's ingress rules when it isolates ingress, then its
     * egress rules when it isolates egress. Rules under a direction its policyTypes leave out are
     * ignored by Kubernetes, and so are they here.
     */
    public static List<PolicyRule> rulesOf(PolicyFact policy) {
        List<PolicyRule> out = new ArrayList<>(policy.isolatesIngress() ? policy.ingress() : List.of());
        out.addAll(policy.isolatesEgress() ? policy.egress() : List.of());
        return out;
    }

    /** The rules Kubernetes ignores: those under a direction the policy's policyTypes leave out. */
    public static List<PolicyRule> ignoredRulesOf(PolicyFact policy) {
        List<PolicyRule> out = new ArrayList<>(policy.isolatesIngress() ? List.of() : policy.ingress());
        out.addAll(policy.isolatesEgress() ? List.of() : policy.egress());
        return out;
    }

    /** True when the policy selects each of the workloads (and there is at least one). */
    public static boolean selectsEvery(PolicyFact policy, List<Workload> workloads) {
        return !workloads.isEmpty() && workloads.stream().allMatch(policy::selects);
    }

    /**
     * How the rule admits every source, or empty when it does not: it has no peers, or a peer
     * selects every pod of every namespace ({@code namespaceSelector: {}} with no or an empty
     * {@code podSelector}), or an ipBlock covers the whole address space ({@code 0.0.0.0/0},
     * {@code ::/0}, whatever its {@code except}s: the internet is still in).
     */
    public static String everySource(PolicyRule rule) {
        if (rule.allPeers()) {
            return "no from";
        }
        for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock().isPresent()) {
                Cidr cidr = peer.ipBlock().get().cidr();
                if (cidr.text().endsWith("/0")) {
                    return "ipBlock " + peer.ipBlock().get();
                }
            } else if (peer.namespaceSelector().map(Selector::isEmpty).orElse(false)
                    && peer.podSelector().map(Selector::isEmpty).orElse(true)) {
                return "namespaceSelector {}";
            }
        }
        return "";
    }

    /**
     * True when the egress rule lets traffic to {@code address}:{@code port}/TCP through: it has no
     * peers, or an ipBlock contains the address and none of its {@code except}s does; and its
     * ports allow that port (no ports, a protocol-only entry, or a number or range covering it;
     * named ports never resolve outside the cluster).
     */
    public static boolean reachesAddress(PolicyRule rule, String address, int port) {
        long ip = parse(address);
        boolean portOk = rule.allPorts() || rule.ports().stream().anyMatch(p -> covers(p, port));
        if (!portOk) {
            return false;
        }
        if (rule.allPeers()) {
            return true;
        }
        return rule.peers().stream()
                .map(PolicyPeer::ipBlock)
                .flatMap(Optional::stream)
                .anyMatch(b -> contains(b, ip));
    }

    /**
     * Which egress rules let the workload reach {@code address} on {@code port}/TCP, for messages:
     * {@code egress rule 1 of ns/p[NetworkPolicy] (file:line, every port)}, the first one in
     * manifest order, then {@code and N more rules}; empty when the workload is not isolated for
     * egress (that is missing-default-deny-egress's business) or no rule lets it through. One
     * answer per workload, however many policies select it.
     */
    public static String egressRulesReaching(Network net, Workload workload, String address, int port) {
        // the policies selecting a workload follow from its namespace and labels: one answer per class
        return net.perClass(
                workload,
                new EgressQuestion(address, port),
                () -> egressRulesReachingPlain(net, workload, address, port));
    }

    /** The key of {@link #egressRulesReaching}'s answers per class. */
    private record EgressQuestion(String address, int port) {}

    /** {@link #egressRulesReaching} without the per-class answers: the tests' reference. */
    static String egressRulesReachingPlain(Network net, Workload workload, String address, int port) {
        List<String> rules = new ArrayList<>();
        for (PolicyFact policy : net.selecting(workload, Direction.EGRESS)) {
            for (PolicyRule rule : policy.egress()) {
                if (reachesAddress(rule, address, port)) {
                    rules.add("egress rule " + (rule.index() + 1) + " of " + policy.id() + " (" + rule.source() + ", "
                            + portsOf(rule) + ")");
                }
            }
        }
        if (rules.isEmpty()) {
            return "";
        }
        return rules.get(0)
                + (rules.size() == 1
                        ? ""
                        : " and " + (rules.size() - 1) + (rules.size() == 2 ? " more rule" : " more rules"));
    }

    /**
     * True when the rule lists ports and each is a metrics or health port of the workloads: a named
     * port whose name says so ({@code metrics}, {@code http-metrics}, {@code healthz},
     * {@code prometheus}...), or a number every given workload declaring it names so. Opening those
     * to every source is how scraping and probes work, not "all ingress".
     */
    public static boolean onlyMetricsPorts(PolicyRule rule, List<Workload> workloads) {
        if (rule.allPorts() || rule.ports().isEmpty()) {
            return false;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.port().isAny() || p.endPort() > 0) {
                return false;
            }
            if (p.port().isNamed()) {
                if (!isMetricsName(p.port().name())) {
                    return false;
                }
                continue;
            }
            List<String> names = workloads.stream()
                    .flatMap(w -> w.ports().stream())
                    .filter(cp -> cp.port() == p.port().number() && cp.protocol() == p.protocol())
                    .map(ContainerPort::name)
                    .toList();
            if (names.isEmpty() || !names.stream().allMatch(PolicyShapes::isMetricsName)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMetricsName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("metrics")
                || n.contains("health")
                || n.contains("probe")
                || n.equals("prometheus")
                || n.equals("prom")
                || n.equals("monitoring")
                || n.equals("status")
                || n.equals("admin-metrics");
    }

    /**
     * The ports a rule allows, for messages: {@code every port} when it lists none, else
     * {@code port 80/TCP} or {@code ports 80/TCP, 8000-8100/TCP, all ports/UDP}.
     */
    public static String portsOf(PolicyRule rule) {
        if (rule.allPorts()) {
            return "every port";
        }
        return (rule.ports().size() == 1 ? "port " : "ports ")
                + String.join(
                        ", ", rule.ports().stream().map(PolicyPort::toString).toList());
    }

    private static boolean covers(PolicyPort p, int port) {
        if (p.protocol() != Protocol.TCP || p.port().isNamed()) {
            return false;
        }
        if (p.port().isAny()) {
            return true;
        }
        int to = p.endPort() > 0 ? p.endPort() : p.port().number();
        return p.port().number() <= port && port <= to;
    }

    private static boolean contains(IpBlock block, long ip) {
        return block.cidr().containsAddress(ip) && block.except().stream().noneMatch(e -> e.containsAddress(ip));
    }

    private static long parse(String address) {
        String[] parts = address.split("\\.");
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    /**
     * True when every namespace the peer can select is one these manifests describe, so that "no
     * workload matches" means something: it has no namespaceSelector (the policy's own
     * namespace), or its namespaceSelector pins namespaces by {@code kubernetes.io/metadata.name}
     * (matchLabels or an {@code In} expression) and the manifests mention each of them. A selector
     * by other labels, or {@code {}}, may also match namespaces kept elsewhere.
     */
    public static boolean pinnedToKnownNamespaces(PolicyPeer peer, Network net) {
        return pinnedToKnownNamespaces(peer, net.index());
    }

    /** As {@link #pinnedToKnownNamespaces(PolicyPeer, Network)}, indexing the cluster for this one call. */
    public static boolean pinnedToKnownNamespaces(PolicyPeer peer, Cluster cluster) {
        return pinnedToKnownNamespaces(peer, ClusterIndex.of(cluster));
    }

    private static boolean pinnedToKnownNamespaces(PolicyPeer peer, ClusterIndex index) {
        if (peer.namespaceSelector().isEmpty()) {
            return true;
        }
        Selector selector = peer.namespaceSelector().get();
        List<String> names = new ArrayList<>();
        Optional.ofNullable(selector.matchLabels().get(NamespaceFact.NAME_LABEL))
                .ifPresent(names::add);
        selector.matchExpressions().stream()
                .filter(r -> r.key().equals(NamespaceFact.NAME_LABEL) && r.operator() == LabelRequirement.Operator.IN)
                .forEach(r -> names.addAll(r.values()));
        return !names.isEmpty()
                && names.stream().allMatch(n -> index.namespace(n).isPresent());
    }

    /**
     * Why the peer's namespaceSelector matches no namespace of the cluster, when the cause is a
     * label no namespace carries: {@code "no namespace carries name=shop (namespace shop is
     * labelled kubernetes.io/metadata.name=shop)"}. Empty when the selector matches some namespace,
     * when it is absent, or when every label it asks for exists somewhere (then only the
     * combination matches nothing). Requirements on {@code kubernetes.io/metadata.name} never
     * count as unknown: every namespace carries that label, and one these manifests do not mention
     * may well exist in the cluster.
     */
    public static String unknownNamespaceLabels(PolicyPeer peer, Network net) {
        return unknownNamespaceLabels(peer, net.index());
    }

    /** As {@link #unknownNamespaceLabels(PolicyPeer, Network)}, indexing the cluster for this one call. */
    public static String unknownNamespaceLabels(PolicyPeer peer, Cluster cluster) {
        return unknownNamespaceLabels(peer, ClusterIndex.of(cluster));
    }

    private static String unknownNamespaceLabels(PolicyPeer peer, ClusterIndex index) {
        if (peer.namespaceSelector().isEmpty()) {
            return "";
        }
        Cluster cluster = index.cluster();
        Selector selector = peer.namespaceSelector().get();
        if (!index.namespacesMatching(selector).isEmpty()) {
            return "";
        }
        List<NamespaceFact> namespaces = cluster.namespaces();
        List<String> unknown = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            if (e.getKey().equals(NamespaceFact.NAME_LABEL)) {
                continue;
            }
            if (namespaces.stream()
                    .noneMatch(ns -> e.getValue().equals(ns.labels().get(e.getKey())))) {
                unknown.add(e.getKey() + "=" + e.getValue());
                if (index.namespace(e.getValue()).isPresent()) {
                    hints.add("namespace " + e.getValue() + " is selected by " + NamespaceFact.NAME_LABEL + "="
                            + e.getValue());
                }
            }
        }
        for (LabelRequirement r : selector.matchExpressions()) {
            if (r.key().equals(NamespaceFact.NAME_LABEL)) {
                continue;
            }
            boolean carried = switch (r.operator()) {
                case IN ->
                    namespaces.stream()
                            .anyMatch(ns -> ns.labels().containsKey(r.key())
                                    && r.values().contains(ns.labels().get(r.key())));
                case EXISTS -> namespaces.stream().anyMatch(ns -> ns.labels().containsKey(r.key()));
                default -> true;
            };
            if (!carried) {
                unknown.add(r.toString());
            }
        }
        if (unknown.isEmpty()) {
            return "";
        }
        return "no namespace carries " + String.join(", ", unknown)
                + (hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")");
    }
}
