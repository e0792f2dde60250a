package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/** A CiliumCIDRGroup: named, labelled external CIDRs that CIDR rules refer to. Cluster-scoped. */
public record CiliumCidrGroupFact(String name, Map<String, String> labels, List<Cidr> cidrs, SourceRef source) {

    public CiliumCidrGroupFact {
        labels = Map.copyOf(labels);
        cidrs = List.copyOf(cidrs);
    }
}
