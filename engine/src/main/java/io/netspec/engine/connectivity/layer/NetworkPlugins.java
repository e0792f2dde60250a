package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.CiliumPolicyFact;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import java.util.List;
import java.util.Optional;

/**
 * The policy compilers of each CNI plugin: which policy kinds take part, in the tiers that plugin evaluates;
 * and, for every policy object, whether the cluster's plugin enforces it ({@link #unenforced}), the one answer
 * the compilers and the {@code unenforced-cni-policy} rule share.
 *
 * <p>What the pinned plugin versions enforce, read in their code (it wins over their docs):
 * <ul>
 * <li><b>Calico</b> (projectcalico/calico {@code 87c15906}, the calico corpus' commit, after v3.32.0) converts
 * ClusterNetworkPolicy ({@code policy.networking.k8s.io/v1alpha2}) into GlobalNetworkPolicies of its tiers
 * {@code kube-admin} (order 1,000) and {@code kube-baseline} (order 10,000,000), around its {@code default}
 * tier (1,000,000), with default action Pass ({@code libcalico-go/lib/backend/k8s/conversion/
 * clusternetworkpolicy.go}, {@code api/pkg/apis/projectcalico/v3/tier.go}); it watches no v1alpha1
 * AdminNetworkPolicy or BaselineAdminNetworkPolicy (no converter, no client).</li>
 * <li><b>Cilium</b> ({@code 2efb257c}, 1.20.0-pre.4, the cilium corpus' commit, read in cilium-cli v0.19.7's vendored
 * copy) parses ClusterNetworkPolicy v1alpha2 ({@code pkg/k8s/cluster_network_policy.go}) only with the agent option
 * {@code enable-k8s-cluster-network-policy}, false by default ({@code pkg/defaults/defaults.go}); it has no
 * v1alpha1 AdminNetworkPolicy or BaselineAdminNetworkPolicy support at all.</li>
 * </ul>
 */
public final class NetworkPlugins {

    /** Kubernetes NetworkPolicy and the network-policy-api's admin policies: any conformant plugin. */
    public static final List<PolicyCompiler> KUBERNETES =
            List.of(new NetworkPolicyCompiler(), new AdminPolicyCompiler());

    /** Calico's tier of ClusterNetworkPolicy's Admin tier ({@code KubeAdminTierOrder}); Pass for what it does not match. */
    public static final Tier CALICO_KUBE_ADMIN = new Tier("kube-admin", 1_000, TierEnd.PASS);
    /** Calico's tier of ClusterNetworkPolicy's Baseline tier ({@code KubeBaselineTierOrder}), after {@code default}. */
    public static final Tier CALICO_KUBE_BASELINE = new Tier("kube-baseline", 10_000_000, TierEnd.PASS);

    /**
     * Calico: its own policies and tiers, with Kubernetes NetworkPolicies converted into its default
     * tier ({@link CalicoCompiler}); ClusterNetworkPolicies in its {@code kube-admin} and {@code kube-baseline} tiers.
     */
    public static final List<PolicyCompiler> CALICO =
            List.of(new AdminPolicyCompiler(CALICO_KUBE_ADMIN, CALICO_KUBE_BASELINE), new CalicoCompiler());

    /** The agent option that makes Cilium enforce ClusterNetworkPolicy, as the {@code cilium-config} ConfigMap sets it. */
    public static final String CILIUM_CNP_OPTION = "enable-k8s-cluster-network-policy";

    private NetworkPlugins() {}

    public static List<PolicyCompiler> compilers(NetworkPlugin plugin) {
        return switch (plugin) {
            case CALICO -> CALICO;
            // Cilium's compilers live beside its compiler (ConnectivityAnalysis.CILIUM_COMPILERS)
            case CILIUM, NONE, AUTO -> KUBERNETES;
        };
    }

    /**
     * Why the cluster's plugin ({@link Cluster#plugin()}) does not enforce {@code policy}, or empty when it does.
     * Policies it does not enforce take no part in connectivity and are reported, never silently dropped.
     */
    public static Optional<String> unenforced(Cluster cluster, PolicyObject policy) {
        NetworkPlugin plugin = cluster.plugin();
        String with = "the cluster is analysed with --cni " + plugin.wireName();
        if (policy instanceof CalicoPolicyFact) {
            return plugin == NetworkPlugin.CALICO ? Optional.empty() : Optional.of(with + ", so nothing applies it");
        }
        if (policy instanceof CiliumPolicyFact) {
            return plugin == NetworkPlugin.CILIUM ? Optional.empty() : Optional.of(with + ", so nothing applies it");
        }
        if (policy instanceof ClusterNetworkPolicyFact admin) {
            if (plugin == NetworkPlugin.CALICO && !admin.isClusterNetworkPolicy()) {
                return Optional.of(with + ": Calico (at the pinned version) enforces ClusterNetworkPolicy"
                        + " (policy.networking.k8s.io/v1alpha2) but no v1alpha1 " + admin.kind());
            }
            if (plugin == NetworkPlugin.CILIUM && !admin.isClusterNetworkPolicy()) {
                return Optional.of(with + ": Cilium enforces no v1alpha1 " + admin.kind()
                        + " (only ClusterNetworkPolicy v1alpha2, with " + CILIUM_CNP_OPTION + ")");
            }
            if (plugin == NetworkPlugin.CILIUM && !ciliumEnforcesClusterNetworkPolicy(cluster)) {
                return Optional.of(with + ": Cilium enforces ClusterNetworkPolicy only with the agent option "
                        + CILIUM_CNP_OPTION + ": \"true\" (false by default), and no cilium-config ConfigMap in the"
                        + " input sets it");
            }
        }
        return Optional.empty();
    }

    /** True when a {@code cilium-config} ConfigMap of the input sets {@value #CILIUM_CNP_OPTION} to true. */
    static boolean ciliumEnforcesClusterNetworkPolicy(Cluster cluster) {
        for (ConfigMapFact cm : cluster.configMaps()) {
            if (cm.name().equals("cilium-config")
                    && "true"
                            .equalsIgnoreCase(cm.data()
                                    .getOrDefault(CILIUM_CNP_OPTION, "")
                                    .trim())) {
                return true;
            }
        }
        return false;
    }
}
