package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A Node object: its labels (what {@code nodes} peers select) and the IP addresses of its
 * {@code status.addresses} (what they match). Host-network pods on the node share its addresses.
 */
public record NodeFact(String name, Map<String, String> labels, List<String> addresses, SourceRef source) {

    public NodeFact {
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
    }
}
