package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The connections a rule covers towards a destination: numbered ports and ranges, plus named
 * ports resolved on the destination's container ports, minus the excepted ones (Calico
 * {@code notPorts}). Towards an address outside the cluster named ports resolve to nothing.
 *
 * @param text  the ports as written, for evidence
 */
public record PortMatch(
        ConnectionSet numbers,
        List<NamedPort> named,
        ConnectionSet exceptNumbers,
        List<NamedPort> exceptNamed,
        String text) {

    public static final PortMatch ALL =
            new PortMatch(ConnectionSet.all(), List.of(), ConnectionSet.none(), List.of(), "all ports");

    public PortMatch {
        named = List.copyOf(named);
        exceptNamed = List.copyOf(exceptNamed);
    }

    /** Numbers and named ports, no exceptions. */
    public static PortMatch of(ConnectionSet numbers, List<NamedPort> named, String text) {
        return new PortMatch(numbers, named, ConnectionSet.none(), List.of(), text);
    }

    /**
     * A named port. {@code protocol} empty: the container port's protocol, whatever it is
     * (network-policy-api {@code destinationNamedPort}); present: only that protocol (NetworkPolicy).
     */
    public record NamedPort(String name, Optional<Protocol> protocol) {
        ConnectionSet resolve(List<ContainerPort> ports) {
            ConnectionSet out = ConnectionSet.none();
            for (ContainerPort p : ports) {
                if (p.name().equals(name)
                        && protocol.map(x -> x == p.protocol()).orElse(true)
                        && p.port() >= PortRange.MIN
                        && p.port() <= PortRange.MAX) {
                    out = out.union(ConnectionSet.single(p.protocol(), p.port()));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return name + protocol.map(p -> "/" + p).orElse("");
        }
    }

    public boolean hasNamedPorts() {
        return !named.isEmpty() || !exceptNamed.isEmpty();
    }

    /** The connections covered towards a destination with these container ports (null: outside the cluster). */
    public ConnectionSet resolve(List<ContainerPort> destinationPorts) {
        ConnectionSet out = numbers;
        ConnectionSet except = exceptNumbers;
        if (destinationPorts != null) {
            for (NamedPort n : named) {
                out = out.union(n.resolve(destinationPorts));
            }
            for (NamedPort n : exceptNamed) {
                except = except.union(n.resolve(destinationPorts));
            }
        }
        return except.isEmpty() ? out : out.minus(except);
    }

    /** The named ports (of {@code named}) that resolve to no container port of the destination. */
    public List<NamedPort> unresolved(List<ContainerPort> destinationPorts) {
        List<NamedPort> out = new ArrayList<>();
        for (NamedPort n : named) {
            if (destinationPorts == null || n.resolve(destinationPorts).isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
