package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.Workload;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A deliberately naive NetworkPolicy evaluator, written from the Kubernetes documentation and
 * sharing nothing with the engine but the model records: one workload, one port, one protocol at
 * a time, scanning every policy. Only for tests.
 */
final class NaiveReference {

    /** The other end of a connection: a workload, or one IPv4 address outside the cluster. */
    record Peer(Workload workload, long address) {
        static Peer of(Workload w) {
            return new Peer(w, -1);
        }

        static Peer ip(long address) {
            return new Peer(null, address);
        }
    }

    private final Cluster cluster;

    NaiveReference(Cluster cluster) {
        this.cluster = cluster;
    }

    boolean allowed(Peer source, Peer destination, Protocol protocol, int port) {
        if (source.workload() == null && destination.workload() == null) {
            return false;
        }
        boolean egressOk = source.workload() == null
                || sideAllows(Direction.EGRESS, source.workload(), destination, destination, protocol, port);
        boolean ingressOk = destination.workload() == null
                || sideAllows(Direction.INGRESS, destination.workload(), source, destination, protocol, port);
        return egressOk && ingressOk;
    }

    /**
     * Does {@code subject}'s side of {@code direction} let traffic with {@code other} through? The
     * first matching rule of the ANPs (by priority, by name among equals) decides; what none
     * decides or what is passed goes to the NetworkPolicies if they isolate the subject, else to the
     * BANP's first matching rule, else it is allowed.
     */
    private boolean sideAllows(
            Direction direction, Workload subject, Peer other, Peer destination, Protocol protocol, int port) {
        List<ClusterNetworkPolicyFact> anps = cluster.adminPolicies().stream()
                .filter(a -> !a.baseline())
                .sorted(Comparator.comparingInt(ClusterNetworkPolicyFact::priority)
                        .thenComparing(ClusterNetworkPolicyFact::name))
                .toList();
        anpLoop:
        for (ClusterNetworkPolicyFact anp : anps) {
            if (!adminSelects(anp, subject)) {
                continue;
            }
            for (ClusterNetworkPolicyFact.Rule rule : direction == Direction.INGRESS ? anp.ingress() : anp.egress()) {
                if (adminPeerMatches(rule, other) && adminPortMatches(rule, destination, protocol, port)) {
                    if (rule.action().equals("Pass")) {
                        break anpLoop;
                    }
                    return rule.action().equals("Allow") || rule.action().equals("Accept");
                }
            }
        }
        Boolean networkPolicies = networkPolicyDecision(direction, subject, other, destination, protocol, port);
        if (networkPolicies != null) {
            return networkPolicies;
        }
        List<ClusterNetworkPolicyFact> baselines = cluster.adminPolicies().stream()
                .filter(ClusterNetworkPolicyFact::baseline)
                .sorted(Comparator.comparingInt(ClusterNetworkPolicyFact::priority)
                        .thenComparing(ClusterNetworkPolicyFact::name))
                .toList();
        for (ClusterNetworkPolicyFact banp : baselines) {
            if (!adminSelects(banp, subject)) {
                continue;
            }
            for (ClusterNetworkPolicyFact.Rule rule : direction == Direction.INGRESS ? banp.ingress() : banp.egress()) {
                if (adminPeerMatches(rule, other) && adminPortMatches(rule, destination, protocol, port)) {
                    // a Pass in the last tier leaves it undecided: allowed
                    return !rule.action().equals("Deny");
                }
            }
        }
        return true;
    }

    /** Host-network pods are never subjects nor pod/namespace peers of admin policies. */
    private boolean adminSelects(ClusterNetworkPolicyFact policy, Workload w) {
        return !w.hostNetwork()
                && labelsMatch(policy.subject().namespaceSelector(), namespaceLabels(w.namespace()))
                && policy.subject()
                        .podSelector()
                        .map(s -> labelsMatch(s, w.podLabels()))
                        .orElse(true);
    }

    private boolean adminPeerMatches(ClusterNetworkPolicyFact.Rule rule, Peer other) {
        for (ClusterNetworkPolicyFact.Peer peer : rule.peers()) {
            if (peer.namespaceSelector().isPresent() || peer.podSelector().isPresent()) {
                Workload w = other.workload();
                if (w != null
                        && !w.hostNetwork()
                        && labelsMatch(peer.namespaceSelector().orElse(Selector.ALL), namespaceLabels(w.namespace()))
                        && labelsMatch(peer.podSelector().orElse(Selector.ALL), w.podLabels())) {
                    return true;
                }
            } else if (other.workload() == null
                    && peer.networks().stream().anyMatch(c -> inBlock(c, other.address()))) {
                return true;
            } else if (other.workload() != null
                    && peer.networks().stream()
                            .anyMatch(c -> !c.ipv6()
                                    && (c.first() == 0 && c.last() == 0xFFFF_FFFFL
                                            || other.workload().podIps().stream()
                                                    .anyMatch(ip -> Ipv4.parse(ip).stream()
                                                            .anyMatch(c::containsAddress))))) {
                // networks match pod IPs too (the API says so); 0.0.0.0/0 holds every pod's address
                return true;
            }
        }
        return false;
    }

    private static boolean adminPortMatches(
            ClusterNetworkPolicyFact.Rule rule, Peer destination, Protocol protocol, int port) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        for (ClusterNetworkPolicyFact.Port p : rule.ports()) {
            if (!p.namedPort().isEmpty()) {
                if (destination.workload() != null
                        && destination.workload().ports().stream()
                                .anyMatch(cp -> cp.name().equals(p.namedPort())
                                        && cp.protocol() == protocol
                                        && cp.port() == port)) {
                    return true;
                }
            } else if (p.protocol() == protocol && p.port() <= port && port <= Math.max(p.port(), p.endPort())) {
                return true;
            }
        }
        return false;
    }

    /** The NetworkPolicies' verdict, or null when none isolates the subject for this direction. */
    private Boolean networkPolicyDecision(
            Direction direction, Workload subject, Peer other, Peer destination, Protocol protocol, int port) {
        boolean isolated = false;
        for (PolicyFact policy : cluster.policies()) {
            boolean typeApplies = direction == Direction.INGRESS ? policy.isolatesIngress() : policy.isolatesEgress();
            if (!typeApplies
                    || !policy.namespace().equals(subject.namespace())
                    || !labelsMatch(policy.podSelector(), subject.podLabels())) {
                continue;
            }
            isolated = true;
            for (PolicyRule rule : direction == Direction.INGRESS ? policy.ingress() : policy.egress()) {
                if (peerMatches(policy, rule, other) && portMatches(rule, destination, protocol, port)) {
                    return true;
                }
            }
        }
        return isolated ? Boolean.FALSE : null;
    }

    private boolean peerMatches(PolicyFact policy, PolicyRule rule, Peer other) {
        if (rule.peers().isEmpty()) {
            return true;
        }
        for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock().isPresent()) {
                if (other.workload() == null
                        && inBlock(peer.ipBlock().get().cidr(), other.address())
                        && peer.ipBlock().get().except().stream().noneMatch(e -> inBlock(e, other.address()))) {
                    return true;
                }
                continue;
            }
            if (other.workload() == null) {
                continue;
            }
            Workload w = other.workload();
            boolean namespaceOk = peer.namespaceSelector().isPresent()
                    ? labelsMatch(peer.namespaceSelector().get(), namespaceLabels(w.namespace()))
                    : w.namespace().equals(policy.namespace());
            boolean podOk = peer.podSelector().isEmpty()
                    || labelsMatch(peer.podSelector().get(), w.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(Cidr cidr, long address) {
        return !cidr.ipv6() && cidr.first() <= address && address <= cidr.last();
    }

    private boolean portMatches(PolicyRule rule, Peer destination, Protocol protocol, int port) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() != protocol) {
                continue;
            }
            if (p.port().isAny()) {
                return true;
            }
            if (p.port().isNamed()) {
                if (destination.workload() != null) {
                    for (ContainerPort cp : destination.workload().ports()) {
                        if (cp.name().equals(p.port().name()) && cp.protocol() == protocol && cp.port() == port) {
                            return true;
                        }
                    }
                }
                continue;
            }
            int from = p.port().number();
            int to = p.endPort() > 0 ? p.endPort() : from;
            if (from <= port && port <= to) {
                return true;
            }
        }
        return false;
    }

    private Map<String, String> namespaceLabels(String name) {
        for (NamespaceFact ns : cluster.namespaces()) {
            if (ns.name().equals(name)) {
                return ns.labels();
            }
        }
        return Map.of(NamespaceFact.NAME_LABEL, name);
    }

    private static boolean labelsMatch(Selector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelRequirement r : selector.matchExpressions()) {
            boolean has = labels.containsKey(r.key());
            boolean ok = switch (r.operator()) {
                case IN -> has && r.values().contains(labels.get(r.key()));
                case NOT_IN -> !has || !r.values().contains(labels.get(r.key()));
                case EXISTS -> has;
                case DOES_NOT_EXIST -> !has;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
