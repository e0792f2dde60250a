package io.netspec.engine.model;

/** A Service an Ingress routes to ({@code host} and {@code path} empty for the default backend). */
public record IngressBackend(String serviceName, PortRef port, String host, String path, SourceRef source) {

    public IngressBackend {
        host = host == null ? "" : host;
        path = path == null ? "" : path;
    }
}
