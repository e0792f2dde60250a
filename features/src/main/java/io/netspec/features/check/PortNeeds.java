package io.netspec.features.check;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.Workload;
import io.netspec.features.SpecInputException;
import io.netspec.features.check.ReachCheck.Wanted;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The protocol/port pairs a connection to one destination needs, as the spec words it: any port;
 * a number or range (TCP unless a protocol is given); a port name resolved on the destination; or, through a
 * Service, the Service's ports translated to each pod's targetPort (a named targetPort resolved per
 * pod). A name the destination does not declare is {@code unresolved}: through a Service that is the
 * misconfiguration itself, traffic to that port goes nowhere.
 *
 * @param anyPort    true when no port is named and no Service restricts the ports
 * @param ports      what must be reachable (can reach) or unreachable (cannot reach)
 * @param unresolved why some wanted port does not exist on the destination
 */
record PortNeeds(boolean anyPort, List<Wanted> ports, List<String> unresolved) {

    static PortNeeds of(Target destination, Optional<ServiceFact> service, Optional<PortSpec> spec) {
        if (service.isPresent()) {
            return throughService(destination, service.get(), spec);
        }
        if (spec.isEmpty()) {
            return new PortNeeds(true, List.of(), List.of());
        }
        PortSpec port = spec.get();
        if (!port.isNamed()) {
            return new PortNeeds(
                    false,
                    List.of(new Wanted(port.protocol().orElse(Protocol.TCP), port.number(), port.last())),
                    List.of());
        }
        Workload w = destination
                .workload()
                .orElseThrow(() ->
                        new SpecInputException("the port name \"" + port.name() + "\" needs a workload destination; "
                                + destination + " is outside the cluster: give a number"));
        List<Wanted> ports = w.ports().stream()
                .filter(c -> c.name().equals(port.name())
                        && port.protocol().map(p -> p == c.protocol()).orElse(true))
                .map(c -> new Wanted(c.protocol(), c.port()))
                .distinct()
                .toList();
        if (ports.isEmpty()) {
            return new PortNeeds(
                    false,
                    List.of(),
                    List.of(w.id() + " declares no port named " + port + " (its ports: " + describe(w.ports()) + ")"));
        }
        return new PortNeeds(false, ports, List.of());
    }

    private static PortNeeds throughService(Target destination, ServiceFact service, Optional<PortSpec> spec) {
        List<ServicePort> servicePorts = service.ports().stream()
                .filter(sp -> spec.map(s -> matches(sp, s)).orElse(true))
                .toList();
        if (servicePorts.isEmpty()) {
            throw new SpecInputException(service.id() + " has no port "
                    + spec.map(PortSpec::toString).orElse("")
                    + " (its ports: "
                    + service.ports().stream().map(PortNeeds::describe).collect(Collectors.joining(", "))
                    + ")");
        }
        Workload w = destination.workload().orElseThrow();
        List<Wanted> ports = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (ServicePort sp : servicePorts) {
            if (!sp.targetPort().isNamed()) {
                ports.add(new Wanted(sp.protocol(), sp.targetPort().number()));
                continue;
            }
            List<ContainerPort> named = w.portsNamed(sp.targetPort().name(), sp.protocol());
            if (named.isEmpty()) {
                unresolved.add(service.id() + " port " + describe(sp) + " targets the port named "
                        + sp.targetPort().name() + ", which " + w.id() + " does not declare for " + sp.protocol()
                        + " (its ports: " + describe(w.ports()) + ")");
            }
            named.forEach(c -> ports.add(new Wanted(c.protocol(), c.port())));
        }
        return new PortNeeds(false, ports.stream().distinct().toList(), unresolved);
    }

    /** A spec port names a Service port by its number (TCP unless given) or by its name. */
    private static boolean matches(ServicePort sp, PortSpec spec) {
        boolean protocol =
                spec.protocol().map(p -> p == sp.protocol()).orElse(spec.isNamed() || sp.protocol() == Protocol.TCP);
        return protocol
                && (spec.isNamed()
                        ? sp.name().equals(spec.name())
                        : sp.port() >= spec.number() && sp.port() <= spec.last());
    }

    private static String describe(ServicePort sp) {
        return (sp.name().isEmpty() ? "" : sp.name() + " ") + sp.port() + "/" + sp.protocol() + " -> "
                + sp.targetPort();
    }

    static String describe(List<ContainerPort> ports) {
        if (ports.isEmpty()) {
            return "none";
        }
        return ports.stream()
                .map(c -> (c.isNamed() ? c.name() + " " : "") + c.port() + "/" + c.protocol())
                .collect(Collectors.joining(", "));
    }
}
