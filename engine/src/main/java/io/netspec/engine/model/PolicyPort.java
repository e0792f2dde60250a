package io.netspec.engine.model;

/**
 * One entry of a rule's {@code ports}. {@code port} is {@link PortRef#ANY} when the entry names
 * only a protocol; {@code endPort} is 0 unless a numeric range {@code port..endPort} is given.
 */
public record PolicyPort(Protocol protocol, PortRef port, int endPort) {

    @Override
    public String toString() {
        String p = port.isAny() ? "all ports" : endPort > 0 ? port.number() + "-" + endPort : port.toString();
        return p + "/" + protocol;
    }
}
