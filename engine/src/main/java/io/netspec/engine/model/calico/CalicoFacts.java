package io.netspec.engine.model.calico;

import java.util.List;

/** What a cluster's manifests say in Calico's terms: tiers, Calico policies, service accounts and network sets. */
public record CalicoFacts(
        List<CalicoTierFact> tiers,
        List<CalicoPolicyFact> policies,
        List<ServiceAccountFact> serviceAccounts,
        List<CalicoNetworkSetFact> networkSets) {

    public static final CalicoFacts EMPTY = new CalicoFacts(List.of(), List.of(), List.of(), List.of());

    public CalicoFacts {
        tiers = List.copyOf(tiers);
        policies = List.copyOf(policies);
        serviceAccounts = List.copyOf(serviceAccounts);
        networkSets = List.copyOf(networkSets);
    }

    /** Without network sets. */
    public CalicoFacts(
            List<CalicoTierFact> tiers, List<CalicoPolicyFact> policies, List<ServiceAccountFact> serviceAccounts) {
        this(tiers, policies, serviceAccounts, List.of());
    }

    public boolean isEmpty() {
        return tiers.isEmpty() && policies.isEmpty();
    }
}
