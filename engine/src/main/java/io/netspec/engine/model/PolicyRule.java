package io.netspec.engine.model;

import java.util.List;
import java.util.Objects;

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

    /**
     * Consistent with the record's {@code equals} (a subset of its components), but cheap: Drools hashes
     * this fact for every {@code from} that yields it, and the record's own
     * hash walks every peer, port and selector on each call. Equal facts still compare component by component.
     */
    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(direction) + index) * 31 + Objects.hashCode(source);
    }

    public boolean allPeers() {
        return peers.isEmpty();
    }

    public boolean allPorts() {
        return ports.isEmpty();
    }
}
