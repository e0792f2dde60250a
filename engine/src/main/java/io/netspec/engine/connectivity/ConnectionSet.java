package io.netspec.engine.connectivity;

import io.netspec.engine.model.Protocol;

import java.util.List;

/**
 * An immutable set of (protocol, port) pairs: per protocol, a sorted list of disjoint, maximal
 * port ranges. {@link #toString()} is the conformance corpus grammar: {@code All Connections},
 * or {@code SCTP 1-9002,TCP 80,UDP 53}; the empty set prints {@code No Connections}.
 */
public final class ConnectionSet {

    public static ConnectionSet none() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static ConnectionSet all() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static ConnectionSet of(Protocol protocol, PortRange range) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public static ConnectionSet allPorts(Protocol protocol) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ConnectionSet union(ConnectionSet other) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ConnectionSet intersect(ConnectionSet other) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public ConnectionSet minus(ConnectionSet other) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public boolean isEmpty() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public boolean isAll() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public boolean contains(Protocol protocol, int port) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** True when every port of {@code other} is in this set. */
    public boolean containsAll(ConnectionSet other) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<PortRange> ranges(Protocol protocol) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
