package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.NetworkPlugin;

import java.util.List;

/** The policy compilers of each CNI plugin: which policy kinds take part, in the tiers that plugin evaluates. */
public final class NetworkPlugins {

    /** Kubernetes NetworkPolicy and the network-policy-api's admin policies: any conformant plugin. */
    public static final List<PolicyCompiler> KUBERNETES = List.of(new NetworkPolicyCompiler(), new AdminPolicyCompiler());

    /**
     * Calico: its own policies and tiers, with Kubernetes NetworkPolicies converted into its default
     * tier ({@link CalicoCompiler}); admin policies keep their own tiers.
     */
    public static final List<PolicyCompiler> CALICO = List.of(new AdminPolicyCompiler(), new CalicoCompiler());

    private NetworkPlugins() {
    }

    public static List<PolicyCompiler> compilers(NetworkPlugin plugin) {
        return switch (plugin) {
            case CALICO -> CALICO;
            // Cilium's own policies are compiled by the cilium work (issue 11); until then, Kubernetes kinds only.
            case CILIUM, NONE, AUTO -> KUBERNETES;
        };
    }
}
