package io.netspec.engine.rules.facts;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;

/**
 * Derived: whether {@code workload} is isolated for {@code direction}, i.e. some NetworkPolicy in
 * its namespace selects it with that policy type. Exactly one fact per workload and direction.
 */
public record Isolation(Workload workload, Direction direction, boolean isolated) {

    /**
     * Drools reads a method named {@code isolated()} as the getter of a property "olated":
     * this getter makes {@code Isolation(isolated)} and {@code isolated == false} work in DRL.
     */
    public boolean isIsolated() {
        return isolated;
    }
}
