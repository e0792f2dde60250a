package io.netspec.features.steps;

import io.cucumber.java.ParameterType;
import io.netspec.engine.model.Direction;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Ports;
import io.netspec.features.reference.Reference;
import java.util.Locale;

/**
 * The domain words of the step vocabulary: {@code {workload}} (any reference form, see
 * {@link Reference}), {@code {port}} ({@code port 5432}, {@code UDP port 53}, {@code ports 8000-8100}, a port name) and
 * {@code {direction}} ({@code ingress}, {@code egress}). References are parsed here and looked up
 * in the scenario's cluster by the steps, so that a what-if changes what they mean.
 */
public final class ParameterTypes {

    @ParameterType(name = "workload", value = Reference.PATTERN)
    public Reference workload(String text) {
        return Reference.parse(text);
    }

    @ParameterType(name = "port", value = PortSpec.PATTERN)
    public Ports port(String text) {
        return PortSpec.parseList(text);
    }

    /** {@code ingress} or {@code egress}, optionally followed by "traffic" ({@code is isolated for ingress traffic}). */
    @ParameterType(name = "direction", value = DIRECTION)
    public Direction direction(String text) {
        return Direction.valueOf(text.replace(" traffic", "").toUpperCase(Locale.ROOT));
    }

    /** The direction parameter type's pattern. */
    public static final String DIRECTION = "(?:ingress|egress|Ingress|Egress)(?: traffic)?";
}
