package io.netspec.engine.model;

import java.util.List;

/**
 * One ingress or egress rule of a NetworkPolicy. No peers means every peer; no ports means
 * every port. {@code index} is the rule's 0-based position in its list.
 */
public record PolicyRule(
        Direction direction, int index, List<PolicyPeer> peers, List<PolicyPort> ports, SourceRef source) {

    public PolicyRule {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    public boolean allPeers() {
        return peers.isEmpty();
    }

    public boolean allPorts() {
        return ports.isEmpty();
    }
}
