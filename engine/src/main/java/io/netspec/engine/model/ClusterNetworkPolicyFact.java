package io.netspec.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * A cluster-scoped admin policy of the network-policy-api: an AdminNetworkPolicy or
 * BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1), or a ClusterNetworkPolicy
 * (v1alpha2) of tier Admin or Baseline. The two API versions have the same shape (subject, ordered
 * rules with an action, peers, ports); {@code kind} says which was written. The connectivity
 * analysis evaluates it (see {@code io.netspec.engine.connectivity}).
 *
 * @param baseline  true for BaselineAdminNetworkPolicy and for tier Baseline (a BANP has no priority; 0 here)
 * @param kind      {@code AdminNetworkPolicy}, {@code BaselineAdminNetworkPolicy} or {@code ClusterNetworkPolicy}
 */
public record ClusterNetworkPolicyFact(
        String name,
        boolean baseline,
        int priority,
        Subject subject,
        List<Rule> ingress,
        List<Rule> egress,
        SourceRef source,
        String kind)
        implements ObjectFact, PolicyObject {

    public static final String CLUSTER_NETWORK_POLICY = "ClusterNetworkPolicy";

    public ClusterNetworkPolicyFact {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** A v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy. */
    public ClusterNetworkPolicyFact(
            String name,
            boolean baseline,
            int priority,
            Subject subject,
            List<Rule> ingress,
            List<Rule> egress,
            SourceRef source) {
        this(
                name,
                baseline,
                priority,
                subject,
                ingress,
                egress,
                source,
                baseline ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy");
    }

    /** Cluster-scoped: no namespace. */
    @Override
    public String namespace() {
        return "";
    }

    /** The tier as ClusterNetworkPolicy writes it: {@code Admin} or {@code Baseline}. */
    public String tier() {
        return baseline ? "Baseline" : "Admin";
    }

    public boolean isClusterNetworkPolicy() {
        return CLUSTER_NETWORK_POLICY.equals(kind);
    }

    /** {@code subject}: either all pods of matching namespaces, or matching pods in matching namespaces. */
    public record Subject(Selector namespaceSelector, Optional<Selector> podSelector) {}

    /**
     * One rule: an action as written ({@code Allow}, {@code Deny}, {@code Pass} in v1alpha1;
     * {@code Accept}, {@code Deny}, {@code Pass} in v1alpha2) for peers on ports; no ports means every port.
     */
    public record Rule(String name, String action, List<Peer> peers, List<Port> ports, SourceRef source) {
        public Rule {
            peers = List.copyOf(peers);
            ports = List.copyOf(ports);
        }
    }

    /**
     * A peer: namespaces, pods (namespace and pod selectors), CIDR networks (egress) or nodes
     * (egress, selector kept but not evaluated).
     */
    public record Peer(
            Optional<Selector> namespaceSelector,
            Optional<Selector> podSelector,
            List<Cidr> networks,
            Optional<Selector> nodeSelector) {
        public Peer {
            networks = List.copyOf(networks);
        }
    }

    /** A port: a number, a range {@code port..endPort}, or a named port (protocol from the pod). */
    public record Port(Protocol protocol, int port, int endPort, String namedPort) {
        public Port {
            namedPort = namedPort == null ? "" : namedPort;
        }
    }

    @Override
    public String objectKind() {
        return kind;
    }

    /** {@code name[Kind]}: the three admin kinds share one fact type. */
    @Override
    public String id() {
        return policyId();
    }
}
