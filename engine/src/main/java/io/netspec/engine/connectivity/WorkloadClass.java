package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Workloads that no NetworkPolicy can tell apart: same namespace, same pod labels, same named
 * container ports (name, protocol, number). Unnamed ports play no part in policy semantics, so
 * they do not split classes. Selectors and peers are matched once per class.
 */
final class WorkloadClass {

    /** A named container port as far as named-port resolution cares. */
    record NamedPort(String name, Protocol protocol, int port) implements Comparable<NamedPort> {
        @Override
        public int compareTo(NamedPort o) {
            int c = name.compareTo(o.name);
            c = c != 0 ? c : protocol.compareTo(o.protocol);
            return c != 0 ? c : Integer.compare(port, o.port);
        }
    }

    /**
     * The grouping key. Equality and hash use one canonical string: label maps hash as sums of
     * entry hashes, which collide badly for label sets drawn from a small vocabulary.
     */
    record Key(
            String namespace, Map<String, String> labels, Set<NamedPort> namedPorts, String extra, String canonical) {
        Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            this(namespace, labels, namedPorts, "");
        }

        /** {@code extra}: the other attributes some predicate reads (service account, addresses, node), canonical. */
        Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts, String extra) {
            this(namespace, labels, namedPorts, extra, canonical(namespace, labels, namedPorts) + '\u0002' + extra);
        }

        /** This key (made without extra) with {@code extra}, its canonical text reused rather than rebuilt. */
        Key withExtra(String extra) {
            return extra.isEmpty()
                    ? this
                    : new Key(namespace, labels, namedPorts, this.extra + extra, canonical + extra);
        }

        private static String canonical(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            StringBuilder sb = new StringBuilder(namespace);
            new TreeMap<>(labels)
                    .forEach((k, v) -> sb.append('\u0000').append(k).append('=').append(v));
            sb.append('\u0001');
            namedPorts.forEach(p -> sb.append(p.name())
                    .append('/')
                    .append(p.protocol())
                    .append('/')
                    .append(p.port())
                    .append(','));
            return sb.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && canonical.equals(k.canonical);
        }

        @Override
        public int hashCode() {
            return canonical.hashCode();
        }
    }

    final int index;
    final int namespaceIndex;
    final Key key;
    /** Index of the distinct named-port set, shared by classes with equal {@code namedPorts}. */
    final int portSignature;

    final List<Workload> members = new ArrayList<>();
    /** The rules and selections that apply to this class per direction; null when none (everything allowed). */
    SideProfile ingress;

    SideProfile egress;
    /** What predicates read about the class (shared by its members as far as any predicate reads). */
    EndpointAttributes attributes;
    /** A made-up endpoint (the ingress controller): a peer only, never a policy subject. */
    final boolean synthetic;

    private final List<ContainerPort> namedPortList;

    WorkloadClass(int index, int namespaceIndex, Key key, int portSignature) {
        this(index, namespaceIndex, key, portSignature, false);
    }

    WorkloadClass(int index, int namespaceIndex, Key key, int portSignature, boolean synthetic) {
        this.index = index;
        this.namespaceIndex = namespaceIndex;
        this.key = key;
        this.portSignature = portSignature;
        this.synthetic = synthetic;
        this.namedPortList = key.namedPorts().stream()
                .map(p -> new ContainerPort(p.name(), p.port(), p.protocol(), ""))
                .toList();
    }

    static Key keyOf(Workload w, String extra) {
        Set<NamedPort> named = new TreeSet<>();
        for (ContainerPort p : w.ports()) {
            if (p.isNamed()) {
                named.add(new NamedPort(p.name(), p.protocol(), p.port()));
            }
        }
        return new Key(w.namespace(), w.podLabels(), named, extra);
    }

    /** The named container ports, for named-port resolution. */
    List<ContainerPort> namedPortList() {
        return namedPortList;
    }

    Map<String, String> labels() {
        return key.labels();
    }

    String namespace() {
        return key.namespace();
    }

    SideProfile profile(io.netspec.engine.model.Direction direction) {
        return direction == io.netspec.engine.model.Direction.INGRESS ? ingress : egress;
    }
}
