package io.netspec.engine.model;

import java.util.List;

/**
 * An OpenShift Route (route.openshift.io/v1) and the Services it sends traffic to, in its own
 * namespace: {@code spec.to} and {@code spec.alternateBackends} of kind Service.
 *
 * @param targetPort  {@code spec.port.targetPort}: a Service port by number or name; {@link PortRef#ANY}
 *                    when the Route names no port (then every port of the Service)
 */
public record RouteFact(String namespace, String name, List<String> services, PortRef targetPort, SourceRef source) {

    public RouteFact {
        services = List.copyOf(services);
    }

    public String id() {
        return namespace + "/" + name + "[Route]";
    }

    @Override
    public String toString() {
        return id();
    }
}
