package io.netspec.engine.rules.facts;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;

/**
 * Derived: {@code policy} selects {@code workload} (same namespace, pod selector matches) and
 * isolates it for {@code direction} (the policy's effective policy types include it).
 * One fact per (policy, workload, direction).
 */
public record Selects(PolicyFact policy, Workload workload, Direction direction) {}
