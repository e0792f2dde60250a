package io.netspec.cluster;

import io.netspec.engine.load.ApiResource;
import io.netspec.engine.load.KindRegistry;
import java.util.ArrayList;
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

    /** A registered kind's resource, as the loader's {@link KindRegistry} names it. */
    private static LiveKind of(ApiResource r) {
        return new LiveKind(r.group(), r.version(), r.plural(), r.kind(), r.namespaced(), null);
    }

    /**
     * Read only to be reported, not analysed: the network-policy CRDs of the CNI plugins and Kubernetes SIGs
     * netspec does not read into facts, read whenever installed so that a policy netspec does not model is
     * reported rather than missed.
     */
    static final List<LiveKind> REPORTED_ONLY = List.of(
            of("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true),
            of("projectcalico.org", "v3", "networkpolicies", "NetworkPolicy", true),
            of("projectcalico.org", "v3", "globalnetworkpolicies", "GlobalNetworkPolicy", false),
            of("projectcalico.org", "v3", "networksets", "NetworkSet", true),
            of("projectcalico.org", "v3", "globalnetworksets", "GlobalNetworkSet", false),
            of("projectcalico.org", "v3", "tiers", "Tier", false),
            new LiveKind(
                    "crd.projectcalico.org",
                    "v1",
                    "networkpolicies",
                    "NetworkPolicy",
                    true,
                    "networkpolicies.projectcalico.org"),
            new LiveKind(
                    "crd.projectcalico.org",
                    "v1",
                    "globalnetworkpolicies",
                    "GlobalNetworkPolicy",
                    false,
                    "globalnetworkpolicies.projectcalico.org"),
            new LiveKind(
                    "crd.projectcalico.org", "v1", "networksets", "NetworkSet", true, "networksets.projectcalico.org"),
            new LiveKind(
                    "crd.projectcalico.org",
                    "v1",
                    "globalnetworksets",
                    "GlobalNetworkSet",
                    false,
                    "globalnetworksets.projectcalico.org"),
            new LiveKind("crd.projectcalico.org", "v1", "tiers", "Tier", false, "tiers.projectcalico.org"));

    /**
     * Everything read, in order: the resources of the kinds the loader turns into facts, from its kind
     * registry ({@link KindRegistry#liveResources()}), then {@link #REPORTED_ONLY}. Secrets are never read;
     * ConfigMaps are got by name afterwards ({@link #CONFIG_MAPS}). examples/rbac/netspec-reader.yaml grants
     * exactly these.
     */
    static final List<LiveKind> ALL = all(KindRegistry.BUILT_IN);

    static List<LiveKind> all(KindRegistry kinds) {
        List<LiveKind> out = new ArrayList<>();
        kinds.liveResources().forEach(r -> out.add(of(r)));
        out.addAll(REPORTED_ONLY);
        return List.copyOf(out);
    }
}
