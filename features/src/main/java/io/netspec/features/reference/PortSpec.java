package io.netspec.features.reference;

import io.netspec.engine.model.Protocol;
import io.netspec.features.SpecInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port as a spec writes it: {@code 5432}, {@code 53/UDP}, or a port name ({@code http},
 * {@code dns/UDP}) resolved on the destination. Without a protocol a number means TCP and a name
 * means whatever protocol the destination declares it with.
 */
public record PortSpec(int number, String name, Optional<Protocol> protocol) {

    /** The parameter type's pattern: a number or an IANA service name, optionally {@code /PROTOCOL}. */
    public static final String PATTERN = "(?:\\d{1,5}|[a-z0-9]+(?:-[a-z0-9]+)*)(?:/(?:TCP|UDP|SCTP|tcp|udp|sctp))?";

    private static final Pattern PARTS = Pattern.compile("([^/]+)(?:/(\\w+))?");

    public PortSpec {
        name = name == null ? "" : name;
    }

    public static PortSpec parse(String text) {
        Matcher m = PARTS.matcher(text.trim());
        if (!m.matches()) {
            throw new SpecInputException("not a port: \"" + text + "\" (write 5432, 53/UDP or a port name)");
        }
        Optional<Protocol> protocol = Optional.empty();
        if (m.group(2) != null) {
            protocol = Optional.of(Protocol.parse(m.group(2))
                    .orElseThrow(
                            () -> new SpecInputException("unknown protocol " + m.group(2) + " (TCP, UDP or SCTP)")));
        }
        String port = m.group(1);
        if (port.chars().allMatch(Character::isDigit)) {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new SpecInputException("port " + number + " is out of range 1-65535");
            }
            return new PortSpec(number, "", protocol);
        }
        if (!port.chars().anyMatch(Character::isLetter)) {
            throw new SpecInputException("not a port: \"" + text + "\"");
        }
        return new PortSpec(0, port.toLowerCase(Locale.ROOT), protocol);
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    /** {@code 5432/TCP}, {@code 53/UDP}, {@code http} or {@code dns/UDP}. */
    @Override
    public String toString() {
        if (isNamed()) {
            return name + protocol.map(p -> "/" + p).orElse("");
        }
        return number + "/" + protocol.orElse(Protocol.TCP);
    }
}
