package io.netspec.engine.rules.facts;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;

/**
 * Derived: whether {@code workload} is isolated for {@code direction}: some NetworkPolicy in its
 * namespace selects it with that policy type, or another policy tier (an admin or baseline policy)
 * restricts that side for a new pod of a new namespace. {@code restrictedByOtherTiers}: a Deny or
 * Pass rule of a tier other than the NetworkPolicies applies to that side (it may block some
 * traffic, e.g. DNS). Exactly one fact per workload and direction.
 */
public record Isolation(Workload workload, Direction direction, boolean isolated, boolean restrictedByOtherTiers) {

    public Isolation(Workload workload, Direction direction, boolean isolated) {
        this(workload, direction, isolated, false);
    }

    /** Bean getter for DRL, like {@link #isIsolated()}. */
    public boolean isRestrictedByOtherTiers() {
        return restrictedByOtherTiers;
    }

    /**
     * Drools reads a method named {@code isolated()} as the getter of a property "olated":
     * this getter makes {@code Isolation(isolated)} and {@code isolated == false} work in DRL.
     */
    public boolean isIsolated() {
        return isolated;
    }
}
