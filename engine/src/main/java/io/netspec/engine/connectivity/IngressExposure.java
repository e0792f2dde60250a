package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pod ports Ingress and Route objects expose through the ingress controller, per workload:
 * backend Service (own namespace, with a selector) to the Service ports the backend requires, to
 * their target ports on each selected workload, kept only when the workload declares that
 * container port. Always TCP.
 */
final class IngressExposure {

    /** One Ingress backend or Route that sends traffic to a workload (where it is written), on which pod ports. */
    record Via(String object, SourceRef source, ConnectionSet ports) {
        @Override
        public String toString() {
            return object + " (" + source + ") on " + ports;
        }
    }

    private final Map<Workload, List<Via>> byWorkload = new IdentityHashMap<>();
    private final Map<Workload, ConnectionSet> ports = new IdentityHashMap<>();

    /** {@code selected} gives the workloads a Service selects. */
    IngressExposure(Cluster cluster, Function<ServiceFact, List<Workload>> selected) {
        Map<String, ServiceFact> services = new HashMap<>();
        for (ServiceFact s : cluster.services()) {
            services.putIfAbsent(s.namespace() + "/" + s.name(), s);
        }
        for (IngressFact ingress : cluster.ingresses()) {
            for (IngressBackend b : ingress.backends()) {
                expose(
                        ingress.id(),
                        b.source(),
                        services.get(ingress.namespace() + "/" + b.serviceName()),
                        b.port(),
                        selected);
            }
        }
        for (RouteFact route : cluster.routes()) {
            for (String service : route.services()) {
                expose(
                        route.id(),
                        route.source(),
                        services.get(route.backendNamespace() + "/" + service),
                        route.targetPort(),
                        selected);
            }
        }
    }

    boolean isEmpty() {
        return byWorkload.isEmpty();
    }

    /** The TCP pod ports exposed on {@code w}; empty when none. */
    ConnectionSet ports(Workload w) {
        return ports.getOrDefault(w, ConnectionSet.none());
    }

    /** The Ingresses and Routes exposing {@code w}, each with its ports. */
    List<Via> via(Workload w) {
        return byWorkload.getOrDefault(w, List.of());
    }

    private void expose(
            String object,
            SourceRef source,
            ServiceFact service,
            PortRef required,
            Function<ServiceFact, List<Workload>> selected) {
        if (service == null
                || service.selector().isEmpty()
                || service.selector().get().isEmpty()) {
            return;
        }
        List<ServicePort> servicePorts =
                service.ports().stream().filter(sp -> requires(required, sp)).toList();
        if (servicePorts.isEmpty()) {
            return;
        }
        for (Workload w : selected.apply(service)) {
            ConnectionSet out = ConnectionSet.none();
            for (ServicePort sp : servicePorts) {
                for (int port : podPorts(sp.targetPort(), w)) {
                    if (declares(w, port)) {
                        out = out.union(ConnectionSet.single(Protocol.TCP, port));
                    }
                }
            }
            if (!out.isEmpty()) {
                byWorkload.computeIfAbsent(w, k -> new ArrayList<>()).add(new Via(object, source, out));
                ports.merge(w, out, ConnectionSet::union);
            }
        }
    }

    /** The backend's port names this Service port: by name, by port, or by target port; no port means all. */
    private static boolean requires(PortRef required, ServicePort sp) {
        if (required.isAny()) {
            return true;
        }
        if (required.isNamed()) {
            return required.name().equals(sp.name())
                    || required.name().equals(sp.targetPort().name());
        }
        return required.number() == sp.port()
                || required.number() == sp.targetPort().number();
    }

    /** The pod port(s) of a target port: a number, or a TCP container port of that name. */
    private static List<Integer> podPorts(PortRef target, Workload w) {
        if (target.isNamed()) {
            return w.portsNamed(target.name(), Protocol.TCP).stream()
                    .map(ContainerPort::port)
                    .toList();
        }
        return target.number() >= PortRange.MIN && target.number() <= PortRange.MAX
                ? List.of(target.number())
                : List.of();
    }

    private static boolean declares(Workload w, int port) {
        return w.ports().stream().anyMatch(p -> p.port() == port);
    }
}
