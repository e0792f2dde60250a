package io.netspec.engine.model;

import java.util.List;

/** The Cilium objects of a snapshot: network policies (both scopes) and CIDR groups. */
public record CiliumObjects(List<CiliumPolicyFact> policies, List<CiliumCidrGroupFact> cidrGroups) {

    public static final CiliumObjects NONE = new CiliumObjects(List.of(), List.of());

    public CiliumObjects {
        policies = List.copyOf(policies);
        cidrGroups = List.copyOf(cidrGroups);
    }

    public boolean isEmpty() {
        return policies.isEmpty() && cidrGroups.isEmpty();
    }
}
