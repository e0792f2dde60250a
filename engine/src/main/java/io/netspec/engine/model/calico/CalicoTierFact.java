package io.netspec.engine.model.calico;

import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.SourceRef;
import java.util.OptionalDouble;

/**
 * A Calico Tier. {@code order} absent: after every tier with an order. {@code passByDefault}:
 * {@code defaultAction: Pass}, so what its policies do not match goes on to the next tier instead
 * of being dropped.
 */
public record CalicoTierFact(String name, OptionalDouble order, boolean passByDefault, SourceRef source)
        implements ObjectFact.Extension {

    /** The tier Calico creates itself, holding Kubernetes NetworkPolicies and policies without a tier. */
    public static final double DEFAULT_TIER_ORDER = 1_000_000;

    public static CalicoTierFact implicitDefault() {
        return new CalicoTierFact(
                CalicoPolicyFact.DEFAULT_TIER, OptionalDouble.of(DEFAULT_TIER_ORDER), false, SourceRef.UNKNOWN);
    }

    @Override
    public String objectKind() {
        return "Tier";
    }

    @Override
    public String id() {
        return name;
    }

    /** Tiers are cluster-scoped. */
    @Override
    public String namespace() {
        return "";
    }
}
