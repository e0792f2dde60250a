package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;

/**
 * A policy of {@code tier} selects the {@code subject} endpoints for {@code direction}: for them,
 * the tier's {@link TierEnd} applies to what none of the tier's rules matched (a NetworkPolicy
 * with policy type Ingress isolates the pods it selects for ingress, even without rules).
 */
public record Selection(Tier tier, PolicyObject policy, Direction direction, EndpointMatch subject) {}
