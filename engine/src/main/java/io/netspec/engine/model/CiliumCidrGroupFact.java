package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/** A CiliumCIDRGroup: named, labelled external CIDRs that CIDR rules refer to. Cluster-scoped. */
public record CiliumCidrGroupFact(String name, Map<String, String> labels, List<Cidr> cidrs, SourceRef source)
        implements ObjectFact {

    public CiliumCidrGroupFact {
        labels = Map.copyOf(labels);
        cidrs = List.copyOf(cidrs);
    }

    @Override
    public String objectKind() {
        return "CiliumCIDRGroup";
    }

    @Override
    public String id() {
        return name;
    }

    /** CIDR groups are cluster-scoped. */
    @Override
    public String namespace() {
        return "";
    }
}
