package io.netspec.engine.rules.facts;

import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;

/**
 * Derived: a named port in a NetworkPolicy rule that resolves nowhere, so the rule allows nothing
 * on it. For an ingress rule: no workload the policy selects declares a container port of that
 * name and protocol. For an egress rule: no workload the rule's peers match (any workload when
 * the rule has no peers) declares one. Rules with only ipBlock peers are not checked.
 */
public record UnresolvedNamedPort(PolicyFact policy, PolicyRule rule, PolicyPort port) {}
