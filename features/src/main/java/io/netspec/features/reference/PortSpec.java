package io.netspec.features.reference;

import io.netspec.engine.model.Protocol;
import io.netspec.features.SpecInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port as a spec writes it after "on": {@code port 5432}, {@code port 53/UDP}, {@code UDP port 53},
 * {@code port 53 over UDP}, {@code ports 8000-8100}, or a port name ({@code port http},
 * {@code port "dns"/UDP}) resolved on the destination. Without a protocol a number or range means TCP
 * and a name means whatever protocol the destination declares it with.
 *
 * @param number the port, or the first of a range ({@code 0} for a name)
 * @param last   the last port of a range; {@code number} for one port ({@code 0} for a name)
 */
public record PortSpec(int number, int last, String name, Optional<Protocol> protocol) {

    static final String PROTOCOL = "(?:TCP|UDP|SCTP|tcp|udp|sctp)";

    /** A number, a range {@code N-M}, or an IANA service name, optionally quoted, optionally {@code /PROTOCOL}. */
    static final String VALUE = "(?:\\d{1,5}|[a-z0-9]+(?:-[a-z0-9]+)*)";

    /**
     * The parameter type's pattern, the words "port" or "ports" included so that a protocol may come
     * first, as people say it ({@code TCP port 5432}). No capture groups.
     */
    public static final String PATTERN = "(?:" + PROTOCOL + " )?(?:port range|ports?) " + Ports.ITEM
            + "(?:(?:, ?|,? and )" + Ports.ITEM + ")*(?: over " + PROTOCOL + ")?";

    private static final Pattern PARTS = Pattern.compile("(?:(\\w+) )?(?:port range|ports?) (.+?)(?: over (\\w+))?");
    private static final Pattern VALUE_PARTS = Pattern.compile("\"?([^/\"]+)\"?(?:/(\\w+))?");
    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)");

    public PortSpec {
        name = name == null ? "" : name;
    }

    /** One port or a name. */
    public PortSpec(int number, String name, Optional<Protocol> protocol) {
        this(number, number, name, protocol);
    }

    /**
     * Parses one port or a list ({@code ports 80 and 443}, {@code UDP ports 53, 5353}): a protocol before or
     * after the list applies to each of it.
     */
    public static Ports parseList(String text) {
        Matcher words = PARTS.matcher(text.trim());
        if (!words.matches()) {
            return new Ports(java.util.List.of(parse(text)));
        }
        java.util.List<PortSpec> each = new java.util.ArrayList<>();
        for (String item : words.group(2).split("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+")) {
            String one = (words.group(1) == null ? "" : words.group(1) + " ") + "port " + item
                    + (words.group(3) == null ? "" : " over " + words.group(3));
            each.add(parse(one));
        }
        return new Ports(each);
    }

    /** Parses a port with its leading word ({@code port 5432}, {@code UDP port 53}) or without ({@code 5432}). */
    public static PortSpec parse(String text) {
        String t = text.trim();
        Optional<Protocol> protocol = Optional.empty();
        String value = t;
        Matcher words = PARTS.matcher(t);
        if (words.matches()) {
            protocol = merge(protocol, words.group(1), text);
            protocol = merge(protocol, words.group(3), text);
            value = words.group(2);
        }
        Matcher m = VALUE_PARTS.matcher(value);
        if (!m.matches()) {
            throw new SpecInputException("not a port: \"" + text
                    + "\" (write port 5432, port 53/UDP, UDP port 53, ports 8000-8100 or" + " a port name)");
        }
        protocol = merge(protocol, m.group(2), text);
        String port = m.group(1);
        if (port.chars().allMatch(Character::isDigit)) {
            int number = number(port);
            return new PortSpec(number, number, "", protocol);
        }
        Matcher range = RANGE.matcher(port);
        if (range.matches()) {
            int first = number(range.group(1));
            int last = number(range.group(2));
            if (first > last) {
                throw new SpecInputException("port range " + port + " runs backwards: write " + last + "-" + first);
            }
            return new PortSpec(first, last, "", protocol);
        }
        if (!port.chars().anyMatch(Character::isLetter)) {
            throw new SpecInputException("not a port: \"" + text + "\"");
        }
        return new PortSpec(0, 0, port.toLowerCase(Locale.ROOT), protocol);
    }

    /** A protocol given once, or twice the same way ({@code UDP port 53/UDP}); two different ones are a mistake. */
    private static Optional<Protocol> merge(Optional<Protocol> known, String word, String text) {
        if (word == null) {
            return known;
        }
        Protocol p = Protocol.parse(word)
                .orElseThrow(() -> new SpecInputException("unknown protocol " + word + " (TCP, UDP or SCTP)"));
        if (known.isPresent() && known.get() != p) {
            throw new SpecInputException("\"" + text + "\" names two protocols, " + known.get() + " and " + p);
        }
        return Optional.of(p);
    }

    private static int number(String digits) {
        int number = Integer.parseInt(digits);
        if (number < 1 || number > 65535) {
            throw new SpecInputException("port " + number + " is out of range 1-65535");
        }
        return number;
    }

    public boolean isNamed() {
        return !name.isEmpty();
    }

    public boolean isRange() {
        return !isNamed() && last > number;
    }

    /** {@code 5432/TCP}, {@code 8000-8100/TCP}, {@code 53/UDP}, {@code http} or {@code dns/UDP}. */
    @Override
    public String toString() {
        if (isNamed()) {
            return name + protocol.map(p -> "/" + p).orElse("");
        }
        return number + (isRange() ? "-" + last : "") + "/" + protocol.orElse(Protocol.TCP);
    }
}
