package io.netspec.engine.model.calico;

import io.netspec.engine.model.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule's {@code source} or {@code destination}. Every present field must match (AND); an empty
 * entity matches any endpoint and any address.
 *
 * @param serviceAccountNames    {@code serviceAccounts.names}
 * @param serviceAccountSelector {@code serviceAccounts.selector}
 * @param services               {@code services} ({@code namespace/name}), which netspec does not resolve
 */
public record CalicoEntity(
        List<Cidr> nets,
        List<Cidr> notNets,
        Optional<CalicoSelector> selector,
        Optional<CalicoSelector> notSelector,
        Optional<CalicoSelector> namespaceSelector,
        List<String> serviceAccountNames,
        Optional<CalicoSelector> serviceAccountSelector,
        List<CalicoPort> ports,
        List<CalicoPort> notPorts,
        Optional<String> services) {

    public static final CalicoEntity ANY = new CalicoEntity(
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.empty());

    public CalicoEntity {
        nets = List.copyOf(nets);
        notNets = List.copyOf(notNets);
        serviceAccountNames = List.copyOf(serviceAccountNames);
        ports = List.copyOf(ports);
        notPorts = List.copyOf(notPorts);
    }

    /** True when it restricts which endpoints or addresses match (ports aside). */
    public boolean restrictsPeers() {
        return !nets.isEmpty()
                || !notNets.isEmpty()
                || selector.isPresent()
                || notSelector.isPresent()
                || namespaceSelector.isPresent()
                || !serviceAccountNames.isEmpty()
                || serviceAccountSelector.isPresent()
                || services.isPresent();
    }

    public boolean hasPorts() {
        return !ports.isEmpty() || !notPorts.isEmpty();
    }

    /** As evidence prints it, e.g. {@code selector app == "db", nets [10.0.0.0/8]}; {@code any} when empty. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!nets.isEmpty()) {
            parts.add("nets " + nets);
        }
        if (!notNets.isEmpty()) {
            parts.add("notNets " + notNets);
        }
        namespaceSelector.ifPresent(s -> parts.add("namespaceSelector " + s));
        selector.ifPresent(s -> parts.add("selector " + s));
        notSelector.ifPresent(s -> parts.add("notSelector " + s));
        if (!serviceAccountNames.isEmpty()) {
            parts.add("serviceAccounts " + serviceAccountNames);
        }
        serviceAccountSelector.ifPresent(s -> parts.add("serviceAccountSelector " + s));
        services.ifPresent(s -> parts.add("service " + s));
        if (!ports.isEmpty()) {
            parts.add("ports " + ports);
        }
        if (!notPorts.isEmpty()) {
            parts.add("notPorts " + notPorts);
        }
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }
}
