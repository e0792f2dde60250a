package io.netspec.engine.model.calico;

/** The Calico policy kinds netspec analyses. Staged kinds are read but never enforced. */
public enum CalicoKind {
    NETWORK_POLICY("NetworkPolicy", false, false),
    GLOBAL_NETWORK_POLICY("GlobalNetworkPolicy", true, false),
    STAGED_NETWORK_POLICY("StagedNetworkPolicy", false, true),
    STAGED_GLOBAL_NETWORK_POLICY("StagedGlobalNetworkPolicy", true, true),
    STAGED_KUBERNETES_NETWORK_POLICY("StagedKubernetesNetworkPolicy", false, true);

    private final String kind;
    private final boolean global;
    private final boolean staged;

    CalicoKind(String kind, boolean global, boolean staged) {
        this.kind = kind;
        this.global = global;
        this.staged = staged;
    }

    /** The kind as written in manifests. */
    public String kind() {
        return kind;
    }

    /** Cluster-scoped: its selectors see every namespace. */
    public boolean global() {
        return global;
    }

    /** Staged policies show what a policy would do; Calico never enforces them. */
    public boolean staged() {
        return staged;
    }
}
