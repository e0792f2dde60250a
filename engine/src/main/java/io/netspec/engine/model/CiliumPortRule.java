package io.netspec.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * One {@code toPorts} entry: its ports and, when it has one, the kind of its L7 part (which netspec
 * does not decide statically).
 */
public record CiliumPortRule(List<CiliumPort> ports, Optional<L7> l7, SourceRef source) {

    public enum L7 {
        HTTP("http"),
        DNS("dns"),
        KAFKA("kafka"),
        TLS("TLS/SNI"),
        LISTENER("listener");

        private final String wireName;

        L7(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public CiliumPortRule {
        ports = List.copyOf(ports);
    }

    /**
     * One port: {@code port} is {@link PortRef#ANY} for {@code "0"}; {@code protocol} empty means ANY
     * (TCP, UDP and SCTP); {@code endPort} 0 unless a range.
     */
    public record CiliumPort(PortRef port, int endPort, Optional<Protocol> protocol) {
        @Override
        public String toString() {
            String p = port.isAny()
                    ? "all ports"
                    : endPort > port.number() ? port.number() + "-" + endPort : port.toString();
            return p + "/" + protocol.map(Enum::name).orElse("ANY");
        }
    }
}
