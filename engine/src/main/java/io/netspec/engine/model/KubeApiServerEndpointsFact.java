package io.netspec.engine.model;

import java.util.List;

/**
 * The addresses of the API server as the cluster publishes them: the {@code default/kubernetes} EndpointSlice
 * (label {@code kubernetes.io/service-name=kubernetes}) or the legacy v1 Endpoints {@code default/kubernetes}.
 * Cilium gives these addresses the {@code reserved:kube-apiserver} label (its Kubernetes watchers put each address
 * of that one object into the ipcache with that label), which is what the {@code kube-apiserver} entity selects.
 *
 * @param kind      {@code EndpointSlice} or {@code Endpoints}
 * @param addresses IPv4 or IPv6 addresses as written, each one checked when read
 */
public record KubeApiServerEndpointsFact(String kind, String name, List<String> addresses, SourceRef source)
        implements ObjectFact {

    /** The namespace and Service name the API server's endpoints are published under. */
    public static final String NAMESPACE = "default";

    public static final String SERVICE = "kubernetes";

    public KubeApiServerEndpointsFact {
        addresses = List.copyOf(addresses);
    }

    @Override
    public String objectKind() {
        return kind;
    }

    @Override
    public String id() {
        return kind + "/" + NAMESPACE + "/" + name;
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }
}
