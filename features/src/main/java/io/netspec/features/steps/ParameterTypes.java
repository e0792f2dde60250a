package io.netspec.features.steps;

import io.cucumber.java.ParameterType;
import io.netspec.engine.model.Direction;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Reference;
import java.util.Locale;

/**
 * The domain words of the step vocabulary: {@code {workload}} (any reference form, see
 * {@link Reference}), {@code {port}} ({@code 5432}, {@code 53/UDP}, a port name) and
 * {@code {direction}} ({@code ingress}, {@code egress}). References are parsed here and looked up
 * in the scenario's cluster by the steps, so that a what-if changes what they mean.
 */
public final class ParameterTypes {

    @ParameterType(name = "workload", value = Reference.PATTERN)
    public Reference workload(String text) {
        return Reference.parse(text);
    }

    @ParameterType(name = "port", value = PortSpec.PATTERN)
    public PortSpec port(String text) {
        return PortSpec.parse(text);
    }

    @ParameterType(name = "direction", value = "ingress|egress|Ingress|Egress")
    public Direction direction(String text) {
        return Direction.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
