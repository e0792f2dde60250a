package io.netspec.engine.rules.facts;

import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;

/**
 * A part of a policy that the connectivity analysis does not evaluate as written (the analysis problems: a Calico
 * rule on source ports left out, a {@code nodes} peer, an IPv6 network, two admin policies of one priority, peers
 * the manifests cannot decide), where it is written: what the {@code approximated-policy} rule reports.
 *
 * @param policy  the policy it is written in
 * @param source  the line of the rule or peer
 * @param message the problem, compiler style without location or severity
 */
public record Approximation(PolicyObject policy, SourceRef source, String message) {}
