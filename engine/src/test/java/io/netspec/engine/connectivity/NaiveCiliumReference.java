package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.CiliumEntity;
import io.netspec.engine.model.CiliumPeerRule;
import io.netspec.engine.model.CiliumPeers;
import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.CiliumPortRule;
import io.netspec.engine.model.CiliumRule;
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
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately naive Cilium evaluator written apart from the compiler: it reads the raw facts for every
 * question, interprets selector keys and scoping on the spot (no rewritten selectors, no entries), and
 * follows the rules in the order a reader of the Cilium docs and code would check them. Slow and plain on
 * purpose.
 */
final class NaiveCiliumReference {

    /** A workload's pod, or an outside IPv4 address. */
    record Peer(Workload workload, long ip) {
        static Peer of(Workload w) {
            return new Peer(w, -1);
        }

        static Peer ip(long ip) {
            return new Peer(null, ip);
        }

        boolean isPod() {
            return workload != null;
        }
    }

    private final Cluster cluster;

    NaiveCiliumReference(Cluster cluster) {
        this.cluster = cluster;
    }

    boolean allowed(Peer src, Peer dst, Protocol protocol, int port) {
        boolean egressOk = !src.isPod() || sideAllows(src.workload(), Direction.EGRESS, dst, dst, protocol, port);
        boolean ingressOk = !dst.isPod() || sideAllows(dst.workload(), Direction.INGRESS, src, dst, protocol, port);
        return egressOk && ingressOk;
    }

    /** {@code destination} owns the port (its named ports resolve names). */
    private boolean sideAllows(Workload pod, Direction d, Peer other, Peer destination, Protocol protocol, int port) {
        boolean selected = false;
        boolean defaultDeny = false;
        boolean allowed = false;
        for (CiliumPolicyFact p : cluster.cilium().policies()) {
            if (!p.valid()) {
                continue;
            }
            for (CiliumRule r : p.rules()) {
                if (r.endpointSelector().isEmpty()
                        || !subjectSelects(p, r.endpointSelector().get(), pod)) {
                    continue;
                }
                for (CiliumPeerRule pr : r.rules(d)) {
                    selected = true;
                    if (r.defaultDeny(d)) {
                        defaultDeny = true;
                    }
                    if (ruleMatches(p, pr, other, destination, protocol, port)) {
                        if (pr.deny()) {
                            return false; // a deny anywhere wins
                        }
                        allowed = true;
                    }
                }
            }
        }
        for (PolicyFact np : cluster.policies()) {
            if (!np.namespace().equals(pod.namespace()) || !plain(np.podSelector(), pod.podLabels())) {
                continue;
            }
            boolean hasRules = !np.rules(d).isEmpty();
            boolean denyAll =
                    d == Direction.INGRESS ? np.isolatesIngress() || !np.isolatesEgress() : np.isolatesEgress();
            if (hasRules || denyAll) {
                selected = true;
                defaultDeny = true;
            }
            for (PolicyRule rule : np.rules(d)) {
                if (npRuleMatches(np, rule, other, destination, protocol, port)) {
                    allowed = true;
                }
            }
        }
        if (!selected || allowed) {
            return true;
        }
        return !defaultDeny;
    }

    // ------------------------------------------------------------------ Cilium rules

    private boolean subjectSelects(CiliumPolicyFact p, Selector s, Workload pod) {
        if (!p.clusterwide() && !pod.namespace().equals(p.namespace())) {
            return false; // a namespaced policy's subjects live in its namespace, whatever the selector says
        }
        return keysMatch(s, pod, true);
    }

    private boolean ruleMatches(
            CiliumPolicyFact p, CiliumPeerRule pr, Peer other, Peer destination, Protocol protocol, int port) {
        if (!portsMatch(pr, destination, protocol, port)) {
            return false;
        }
        CiliumPeers l3 = pr.peers();
        if (l3 instanceof CiliumPeers.Unspecified) {
            return !pr.toPorts().isEmpty(); // with ports: anyone; without: nobody
        }
        if (l3 instanceof CiliumPeers.Endpoints e) {
            for (Selector s : e.selectors()) {
                if (other.isPod() && endpointSelects(p, s, other.workload())) {
                    return true;
                }
            }
            return false;
        }
        if (l3 instanceof CiliumPeers.Entities e) {
            for (CiliumEntity en : e.entities()) {
                if (en == CiliumEntity.ALL) {
                    return true;
                }
                if ((en == CiliumEntity.WORLD || en == CiliumEntity.WORLD_IPV4) && !other.isPod()) {
                    return true;
                }
                if ((en == CiliumEntity.CLUSTER || en == CiliumEntity.CLUSTER_MESH) && other.isPod()) {
                    return true;
                }
            }
            return false;
        }
        if (l3 instanceof CiliumPeers.Cidrs c) {
            if (other.isPod()) {
                return false;
            }
            for (CiliumPeers.CidrRule cr : c.rules()) {
                if (cr.block().isPresent() && inBlock(cr.block().get(), other.ip())) {
                    return true;
                }
            }
            return false;
        }
        return false; // services, FQDNs, nodes, groups: not in the random clusters
    }

    private boolean endpointSelects(CiliumPolicyFact p, Selector s, Workload pod) {
        boolean namesNamespace = s.keys().stream().anyMatch(k -> bare(k).equals("io.kubernetes.pod.namespace"));
        boolean namesNamespaceLabels =
                s.keys().stream().anyMatch(k -> bare(k).startsWith("io.cilium.k8s.namespace.labels."));
        if (!p.clusterwide()
                && !namesNamespace
                && !namesNamespaceLabels
                && !pod.namespace().equals(p.namespace())) {
            return false;
        }
        return keysMatch(s, pod, false);
    }

    /** Each requirement of the selector, read against the pod's identity labels. */
    private boolean keysMatch(Selector s, Workload pod, boolean subject) {
        for (Map.Entry<String, String> e : s.matchLabels().entrySet()) {
            if (subject && bare(e.getKey()).equals("io.kubernetes.pod.namespace")) {
                continue; // overridden by the policy's namespace
            }
            Optional<String> v = identityLabel(pod, e.getKey());
            if (v.isEmpty() || !v.get().equals(e.getValue())) {
                return false;
            }
        }
        for (LabelRequirement r : s.matchExpressions()) {
            Optional<String> v = identityLabel(pod, r.key());
            boolean ok = switch (r.operator()) {
                case IN -> v.isPresent() && r.values().contains(v.get());
                case NOT_IN -> v.isEmpty() || !r.values().contains(v.get());
                case EXISTS -> v.isPresent();
                case DOES_NOT_EXIST -> v.isEmpty();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private Optional<String> identityLabel(Workload pod, String key) {
        String source = key.contains(":") && key.indexOf(':') < (key.contains("/") ? key.indexOf('/') : key.length())
                ? key.substring(0, key.indexOf(':'))
                : "";
        if (!source.isEmpty() && !source.equals("k8s") && !source.equals("any")) {
            return Optional.empty();
        }
        String k = bare(key);
        if (k.equals("io.kubernetes.pod.namespace")) {
            return Optional.of(pod.namespace());
        }
        if (k.equals("io.cilium.k8s.policy.cluster")) {
            return Optional.of("default");
        }
        if (k.equals("io.cilium.k8s.policy.serviceaccount")) {
            return Optional.of(pod.serviceAccount());
        }
        if (k.startsWith("io.cilium.k8s.namespace.labels.")) {
            Map<String, String> nsLabels = cluster.namespace(pod.namespace())
                    .map(NamespaceFact::labels)
                    .orElse(Map.of(NamespaceFact.NAME_LABEL, pod.namespace()));
            return Optional.ofNullable(nsLabels.get(k.substring("io.cilium.k8s.namespace.labels.".length())));
        }
        return Optional.ofNullable(pod.podLabels().get(k));
    }

    private static String bare(String key) {
        int colon = key.indexOf(':');
        int slash = key.indexOf('/');
        return colon > 0 && (slash < 0 || colon < slash) ? key.substring(colon + 1) : key;
    }

    private boolean portsMatch(CiliumPeerRule pr, Peer destination, Protocol protocol, int port) {
        if (pr.toPorts().isEmpty()) {
            return !pr.icmps();
        }
        for (CiliumPortRule rule : pr.toPorts()) {
            for (CiliumPortRule.CiliumPort p : rule.ports()) {
                if (p.protocol().isPresent() && p.protocol().get() != protocol) {
                    continue;
                }
                if (p.port().isAny()) {
                    return true;
                }
                if (p.port().isNamed()) {
                    if (destination.isPod()
                            && hasNamedPort(destination.workload(), p.port().name(), protocol, port)) {
                        return true;
                    }
                    continue;
                }
                int low = p.port().number();
                int high = Math.max(low, p.endPort());
                if (low <= port && port <= high) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasNamedPort(Workload w, String name, Protocol protocol, int port) {
        for (ContainerPort c : w.ports()) {
            if (c.name().equalsIgnoreCase(name) && c.protocol() == protocol && c.port() == port) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(IpBlock b, long ip) {
        if (!b.cidr().containsAddress(ip)) {
            return false;
        }
        for (Cidr x : b.except()) {
            if (x.containsAddress(ip)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ NetworkPolicy as Cilium reads it

    private boolean npRuleMatches(
            PolicyFact np, PolicyRule rule, Peer other, Peer destination, Protocol protocol, int port) {
        boolean portOk = rule.ports().isEmpty();
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() != protocol) {
                continue;
            }
            if (p.port().isAny()) {
                portOk = true;
            } else if (p.port().isNamed()) {
                portOk |= destination.isPod()
                        && hasNamedPort(destination.workload(), p.port().name(), protocol, port);
            } else {
                portOk |= p.port().number() <= port && port <= Math.max(p.port().number(), p.endPort());
            }
        }
        if (!portOk) {
            return false;
        }
        if (rule.peers().isEmpty()) {
            return true;
        }
        for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock().isPresent()) {
                if (!other.isPod() && inBlock(peer.ipBlock().get(), other.ip())) {
                    return true;
                }
                continue;
            }
            if (!other.isPod()) {
                continue;
            }
            Workload w = other.workload();
            boolean podOk = plain(peer.podSelector().orElse(Selector.ALL), w.podLabels());
            boolean nsOk = peer.namespaceSelector().isPresent()
                    ? plain(
                            peer.namespaceSelector().get(),
                            cluster.namespace(w.namespace())
                                    .map(NamespaceFact::labels)
                                    .orElse(Map.of(NamespaceFact.NAME_LABEL, w.namespace())))
                    : w.namespace().equals(np.namespace());
            if (podOk && nsOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean plain(Selector s, Map<String, String> labels) {
        return s.matches(labels);
    }
}
