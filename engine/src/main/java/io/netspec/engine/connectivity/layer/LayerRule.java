package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;

import java.util.List;
import java.util.Locale;

/**
 * One rule in the normalised policy model: every policy kind compiles into rules of this shape.
 *
 * @param tier        the tier it is evaluated in
 * @param precedence  its place in the tier
 * @param policy      the policy object it comes from (for evidence)
 * @param direction   ingress: decided for the destination, peers are sources; egress: decided for the source
 * @param ruleIndex   0-based position among the policy's rules of that direction
 * @param ruleName    the rule's own name, empty when it has none
 * @param subject     the endpoints whose side this rule is part of
 * @param peers       any one matching is enough
 * @param ports       the connections it covers
 * @param source      where the rule is written
 */
public record LayerRule(Tier tier, Precedence precedence, PolicyObject policy, Direction direction, int ruleIndex,
                        String ruleName, Action action, EndpointMatch subject, List<Peer> peers, PortMatch ports,
                        SourceRef source) {

    public LayerRule {
        peers = List.copyOf(peers);
        ruleName = ruleName == null ? "" : ruleName;
    }

    /** {@code kind name egress rule 2 "name" (file:line)}: rules counted from 1 as people count. */
    @Override
    public String toString() {
        return policy.policyId() + " " + direction.wireName().toLowerCase(Locale.ROOT) + " rule " + (ruleIndex + 1)
                + (ruleName.isEmpty() ? "" : " \"" + ruleName + "\"") + " (" + source + ")";
    }
}
