package io.netspec.features.reference;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The ports a step names after "on": one ({@code port 5432}) or a list ({@code ports 80 and 443},
 * {@code ports 80, 443}). "can reach" on a list means on each of them, "cannot reach" on none of them.
 */
public record Ports(List<PortSpec> each) {

    /** One item of a list: a number, range or name, optionally quoted, optionally {@code /PROTOCOL}. */
    static final String ITEM = "(?:" + PortSpec.VALUE + "|\"" + PortSpec.VALUE + "\")(?:/" + PortSpec.PROTOCOL + ")?";

    public Ports {
        each = List.copyOf(each);
    }

    @Override
    public String toString() {
        return each.stream().map(PortSpec::toString).collect(Collectors.joining(", "));
    }
}
