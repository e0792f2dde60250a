package io.netspec.cli;

import io.netspec.engine.model.Protocol;
import picocli.CommandLine;

/** {@code --port N[/PROTO]}: one port of one protocol, TCP when none is written. */
record PortOption(int port, Protocol protocol) {

    @Override
    public String toString() {
        return port + "/" + protocol;
    }

    /** Picocli converter; a bad value is a usage error naming the option's syntax. */
    static final class Converter implements CommandLine.ITypeConverter<PortOption> {
        @Override
        public PortOption convert(String value) {
            String[] parts = value.trim().split("/", -1);
            if (parts.length > 2) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not N[/PROTO], e.g. 443 or 53/UDP");
            }
            int port;
            try {
                port = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not N[/PROTO], e.g. 443 or 53/UDP");
            }
            if (port < 1 || port > 65535) {
                throw new CommandLine.TypeConversionException("port " + port + " is outside 1-65535");
            }
            Protocol protocol = parts.length == 1
                    ? Protocol.TCP
                    : Protocol.parse(parts[1])
                            .orElseThrow(() -> new CommandLine.TypeConversionException(
                                    "unknown protocol '" + parts[1] + "' (TCP, UDP or SCTP)"));
            return new PortOption(port, protocol);
        }
    }
}
