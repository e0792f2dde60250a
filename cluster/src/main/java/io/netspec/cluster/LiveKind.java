package io.netspec.cluster;

import java.util.List;

/**
 * One API resource netspec reads from a cluster, as the API server names it.
 *
 * @param group      API group ("" for the core group)
 * @param version    version read
 * @param plural     resource name in the URL and in RBAC rules
 * @param kind       object kind
 * @param namespaced namespaced (listed per namespace with {@code -n}) or cluster-scoped
 * @param fallback   read only when this resource is absent ({@code projectcalico.org/v3} is the Calico API
 *                   server's view of the same objects as {@code crd.projectcalico.org/v1}: never both)
 */
record LiveKind(String group, String version, String plural, String kind, boolean namespaced, String fallback) {

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** {@code plural.group}, as RBAC and kubectl name it ({@code pods} for the core group). */
    String resource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    private static LiveKind core(String plural, String kind, boolean namespaced) {
        return new LiveKind("", "v1", plural, kind, namespaced, null);
    }

    private static LiveKind of(String group, String version, String plural, String kind, boolean namespaced) {
        return new LiveKind(group, version, plural, kind, namespaced, null);
    }

    static final LiveKind CONFIG_MAPS = core("configmaps", "ConfigMap", true);

    /**
     * Everything read, in order: the kinds the loader turns into facts, and the network-policy CRDs
     * of the CNI plugins and Kubernetes SIGs, which are read whenever installed so that a policy
     * netspec does not model is reported rather than missed. Secrets are never read; ConfigMaps
     * are got by name afterwards ({@link #CONFIG_MAPS}). examples/rbac/netspec-reader.yaml grants
     * exactly these.
     */
    static final List<LiveKind> ALL = List.of(
            core("namespaces", "Namespace", false),
            core("nodes", "Node", false),
            core("pods", "Pod", true),
            core("services", "Service", true),
            core("replicationcontrollers", "ReplicationController", true),
            of("apps", "v1", "deployments", "Deployment", true),
            of("apps", "v1", "statefulsets", "StatefulSet", true),
            of("apps", "v1", "daemonsets", "DaemonSet", true),
            of("apps", "v1", "replicasets", "ReplicaSet", true),
            of("batch", "v1", "jobs", "Job", true),
            of("batch", "v1", "cronjobs", "CronJob", true),
            of("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
            of("networking.k8s.io", "v1", "ingresses", "Ingress", true),
            of("policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false),
            of("policy.networking.k8s.io", "v1alpha1", "baselineadminnetworkpolicies", "BaselineAdminNetworkPolicy",
                    false),
            of("policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false),
            of("route.openshift.io", "v1", "routes", "Route", true),
            of("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true),
            of("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true),
            of("projectcalico.org", "v3", "networkpolicies", "NetworkPolicy", true),
            of("projectcalico.org", "v3", "globalnetworkpolicies", "GlobalNetworkPolicy", false),
            of("projectcalico.org", "v3", "networksets", "NetworkSet", true),
            of("projectcalico.org", "v3", "globalnetworksets", "GlobalNetworkSet", false),
            of("projectcalico.org", "v3", "tiers", "Tier", false),
            new LiveKind("crd.projectcalico.org", "v1", "networkpolicies", "NetworkPolicy", true,
                    "networkpolicies.projectcalico.org"),
            new LiveKind("crd.projectcalico.org", "v1", "globalnetworkpolicies", "GlobalNetworkPolicy", false,
                    "globalnetworkpolicies.projectcalico.org"),
            new LiveKind("crd.projectcalico.org", "v1", "networksets", "NetworkSet", true,
                    "networksets.projectcalico.org"),
            new LiveKind("crd.projectcalico.org", "v1", "globalnetworksets", "GlobalNetworkSet", false,
                    "globalnetworksets.projectcalico.org"),
            new LiveKind("crd.projectcalico.org", "v1", "tiers", "Tier", false, "tiers.projectcalico.org"),
            of("cilium.io", "v2", "ciliumnetworkpolicies", "CiliumNetworkPolicy", true),
            of("cilium.io", "v2", "ciliumclusterwidenetworkpolicies", "CiliumClusterwideNetworkPolicy", false));
}
