package io.netspec.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * An AdminNetworkPolicy or BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1). The
 * connectivity analysis evaluates it (see {@code io.netspec.engine.connectivity}).
 *
 * @param baseline  true for BaselineAdminNetworkPolicy (which has no priority; 0 here)
 */
public record AdminPolicyFact(String name, boolean baseline, int priority, Subject subject,
                              List<Rule> ingress, List<Rule> egress, SourceRef source) {

    public AdminPolicyFact {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** {@code subject}: either all pods of matching namespaces, or matching pods in matching namespaces. */
    public record Subject(Selector namespaceSelector, Optional<Selector> podSelector) {
    }

    /** One rule: an action (Allow, Deny, Pass) for peers on ports; no ports means every port. */
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
    public record Peer(Optional<Selector> namespaceSelector, Optional<Selector> podSelector,
                       List<Cidr> networks, Optional<Selector> nodeSelector) {
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

    public String kind() {
        return baseline ? "BaselineAdminNetworkPolicy" : "AdminNetworkPolicy";
    }
}
