package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * The grouping key: namespace, labels, named ports and {@code extra} compared as values. The
     * hash is computed once and mixes every label entry: label maps' own hash is a sum of
     * {@code key ^ value} hashes, which collides badly for label sets drawn from a small vocabulary.
     */
    record Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts, String extra, int hash) {
        Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            this(namespace, labels, namedPorts, "");
        }

        /** {@code extra}: the other attributes some predicate reads (service account, addresses, node), canonical. */
        Key(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts, String extra) {
            this(namespace, labels, namedPorts, extra, mix(baseHash(namespace, labels, namedPorts), extra));
        }

        /** This key (made without extra) with {@code extra}, its hash of the rest reused. */
        Key withExtra(String extra) {
            return extra.isEmpty()
                    ? this
                    : new Key(namespace, labels, namedPorts, this.extra + extra, mix(hash, extra));
        }

        private static int baseHash(String namespace, Map<String, String> labels, Set<NamedPort> namedPorts) {
            int labelsHash = 0; // a sum, so that any map order gives the same hash
            for (Map.Entry<String, String> e : labels.entrySet()) {
                labelsHash +=
                        fmix(e.getKey().hashCode() * 0x9E3779B1 + e.getValue().hashCode());
            }
            int h = fmix(namespace.hashCode()) * 31 + fmix(labelsHash);
            for (NamedPort p : namedPorts) {
                h = h * 31 + fmix(p.hashCode());
            }
            return h;
        }

        private static int mix(int base, String extra) {
            return extra.isEmpty() ? base : fmix(base * 31 + extra.hashCode());
        }

        /** MurmurHash3's finaliser: every input bit reaches every output bit. */
        private static int fmix(int h) {
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && hash == k.hash
                    && namespace.equals(k.namespace)
                    && extra.equals(k.extra)
                    && labels.equals(k.labels)
                    && namedPorts.equals(k.namedPorts);
        }

        @Override
        public int hashCode() {
            return hash;
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
        Set<NamedPort> named = NO_NAMED_PORTS;
        for (ContainerPort p : w.ports()) {
            if (p.isNamed()) {
                if (named == NO_NAMED_PORTS) {
                    named = new TreeSet<>();
                }
                named.add(new NamedPort(p.name(), p.protocol(), p.port()));
            }
        }
        return new Key(w.namespace(), w.podLabels(), named, extra);
    }

    /** Shared by the many workloads without named ports (equal to, and hashing as, any empty set). */
    private static final Set<NamedPort> NO_NAMED_PORTS = Collections.emptySortedSet();

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
