package io.netspec.engine.model;

import java.util.List;

/**
 * A route that sends traffic from outside the cluster to Services: an OpenShift Route
 * (route.openshift.io/v1: {@code spec.to} and {@code spec.alternateBackends} of kind Service, in its
 * own namespace), or a Gateway API route ({@code HTTPRoute}, {@code GRPCRoute}, {@code TCPRoute},
 * {@code TLSRoute}, {@code UDPRoute}: the Service {@code backendRefs} of its rules). A Gateway API
 * route whose backends differ in namespace or port is several facts with the same identity, one
 * per namespace and port.
 *
 * @param kind              {@code Route}, {@code HTTPRoute}, ...
 * @param backendNamespace  the namespace of {@code services}: the route's own, unless a Gateway API
 *                          backendRef names another (allowed there by a ReferenceGrant)
 * @param targetPort        a Service port by number or name; {@link PortRef#ANY} when the route names
 *                          no port (then every port of the Service)
 */
public record RouteFact(
        String kind,
        String namespace,
        String name,
        String backendNamespace,
        List<String> services,
        PortRef targetPort,
        SourceRef source)
        implements ObjectFact {

    public RouteFact {
        services = List.copyOf(services);
    }

    /** An OpenShift Route. */
    public RouteFact(String namespace, String name, List<String> services, PortRef targetPort, SourceRef source) {
        this("Route", namespace, name, namespace, services, targetPort, source);
    }

    public String id() {
        return namespace + "/" + name + "[" + kind + "]";
    }

    @Override
    public String toString() {
        return id();
    }

    @Override
    public String objectKind() {
        return kind;
    }
}
