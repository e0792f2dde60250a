package io.netspec.engine.model;

import java.util.Optional;

/**
 * The entities of Cilium's {@code fromEntities}/{@code toEntities} (pkg/policy/api/entity.go of the pinned
 * Cilium version). Which of them manifests can decide is {@link #decidable}.
 */
public enum CiliumEntity {
    /** Every identity: pods, the host, nodes and addresses outside the cluster. */
    ALL("all", true),
    /** Addresses outside the cluster (reserved:world). */
    WORLD("world", true),
    WORLD_IPV4("world-ipv4", true),
    WORLD_IPV6("world-ipv6", true),
    /** Every endpoint of this cluster (pods, host, nodes, health, init, ingress, unmanaged, kube-apiserver). */
    CLUSTER("cluster", true),
    CLUSTER_MESH("cluster-mesh", true),
    /** The local node; no pod is the host in a manifest-only model (host-network pods excepted). */
    HOST("host", false),
    REMOTE_NODE("remote-node", false),
    /** The API server: the addresses of the input's default/kubernetes EndpointSlice or Endpoints, when it has one. */
    KUBE_APISERVER("kube-apiserver", false),
    /** Endpoints whose labels are not yet known. */
    INIT("init", false),
    /** Cilium's Envoy ingress. */
    INGRESS("ingress", false),
    /** Cilium health endpoints. */
    HEALTH("health", false),
    /** Pods Cilium does not manage. */
    UNMANAGED("unmanaged", false),
    /** Selects nothing. */
    NONE("none", true);

    private final String wireName;
    private final boolean decidable;

    CiliumEntity(String wireName, boolean decidable) {
        this.wireName = wireName;
        this.decidable = decidable;
    }

    public String wireName() {
        return wireName;
    }

    /** True when manifests alone say which pods and outside addresses the entity covers. */
    public boolean decidable() {
        return decidable;
    }

    public static Optional<CiliumEntity> fromWire(String text) {
        for (CiliumEntity e : values()) {
            if (e.wireName.equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
