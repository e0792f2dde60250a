package io.netspec.engine.connectivity;

import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    record Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts, String canonical) {
        Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            this(namespace, labels, namedPorts, canonical(namespace, labels, namedPorts));
        }

        private static String canonical(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            StringBuilder sb = new StringBuilder(namespace);
            new java.util.TreeMap<>(labels).forEach((k, v) -> sb.append('\u0000').append(k).append('=').append(v));
            sb.append('\u0001');
            namedPorts.forEach(p -> sb.append(p.name()).append('/').append(p.protocol()).append('/').append(p.port()).append(','));
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
    /** The isolating policies' rules per direction; null when not isolated in that direction. */
    Profile ingress;
    Profile egress;
    /** The admin policies (ANP/BANP) selecting this class as their subject; null when none. */
    AdminProfile admin;

    WorkloadClass(int index, int namespaceIndex, Key key, int portSignature) {
        this.index = index;
        this.namespaceIndex = namespaceIndex;
        this.key = key;
        this.portSignature = portSignature;
    }

    static Key keyOf(Workload w) {
        Set<NamedPort> named = new java.util.TreeSet<>();
        for (ContainerPort p : w.ports()) {
            if (p.isNamed()) {
                named.add(new NamedPort(p.name(), p.protocol(), p.port()));
            }
        }
        return new Key(w.namespace(), w.podLabels(), named);
    }

    Map<String, String> labels() {
        return key.labels();
    }

    String namespace() {
        return key.namespace();
    }

    Profile profile(io.netspec.engine.model.Direction direction) {
        return direction == io.netspec.engine.model.Direction.INGRESS ? ingress : egress;
    }
}
