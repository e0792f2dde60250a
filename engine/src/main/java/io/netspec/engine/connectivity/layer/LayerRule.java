package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * @param l7          the application protocol whose rules (Cilium {@code toPorts.rules} http/dns/kafka, a Calico
 *                    {@code http} match) also decide, request by request, what the rule covers; empty when L3/L4
 *                    decide alone. The evaluator counts such a rule over its whole L3/L4 reach (an L7 allow as an
 *                    allow, an L7 deny as a deny); specs ask which connections hold whatever the requests are
 *                    ({@link WithoutL7}).
 */
public record LayerRule(
        Tier tier,
        Precedence precedence,
        PolicyObject policy,
        Direction direction,
        int ruleIndex,
        String ruleName,
        Action action,
        EndpointMatch subject,
        List<Peer> peers,
        PortMatch ports,
        SourceRef source,
        Optional<String> l7) {

    public LayerRule {
        peers = List.copyOf(peers);
        ruleName = ruleName == null ? "" : ruleName;
        l7 = l7 == null ? Optional.empty() : l7;
    }

    /** A rule L3/L4 decide alone. */
    public LayerRule(
            Tier tier,
            Precedence precedence,
            PolicyObject policy,
            Direction direction,
            int ruleIndex,
            String ruleName,
            Action action,
            EndpointMatch subject,
            List<Peer> peers,
            PortMatch ports,
            SourceRef source) {
        this(
                tier,
                precedence,
                policy,
                direction,
                ruleIndex,
                ruleName,
                action,
                subject,
                peers,
                ports,
                source,
                Optional.empty());
    }

    /** {@code kind name egress rule 2 "name" (file:line)}: rules counted from 1 as people count. */
    @Override
    public String toString() {
        return policy.policyId() + " " + direction.wireName().toLowerCase(Locale.ROOT) + " rule " + (ruleIndex + 1)
                + (ruleName.isEmpty() ? "" : " \"" + ruleName + "\"") + " (" + source + ")";
    }
}
