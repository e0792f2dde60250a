package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A Node object: its labels (what {@code nodes} peers select) and the IP addresses of its
 * {@code status.addresses} (what they match). Host-network pods on the node share its addresses.
 * {@code podCidrs}: its {@code spec.podCIDRs} (or {@code spec.podCIDR}), the ranges its pods' IPs come from.
 */
public record NodeFact(
        String name, Map<String, String> labels, List<String> addresses, List<Cidr> podCidrs, SourceRef source)
        implements ObjectFact {

    public NodeFact {
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
        podCidrs = List.copyOf(podCidrs);
    }

    /** Without pod ranges. */
    public NodeFact(String name, Map<String, String> labels, List<String> addresses, SourceRef source) {
        this(name, labels, addresses, List.of(), source);
    }

    @Override
    public String objectKind() {
        return "Node";
    }

    @Override
    public String id() {
        return name;
    }

    /** Nodes are cluster-scoped. */
    @Override
    public String namespace() {
        return "";
    }
}
