package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A Node object: its labels (what {@code nodes} peers select) and the IP addresses of its
 * {@code status.addresses} (what they match). Host-network pods on the node share its addresses.
 */
public record NodeFact(String name, Map<String, String> labels, List<String> addresses, SourceRef source)
        implements ObjectFact {

    public NodeFact {
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
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
