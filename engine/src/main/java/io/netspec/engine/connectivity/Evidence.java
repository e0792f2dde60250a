package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One piece of evidence for a part of an {@link Explanation}: data (the rules, policies and
 * endpoints it is about), rendered to a sentence by {@link #text(Naming)}. {@code explain}, failing
 * specs and {@code diff} render the same records; {@code diff} names an address piece by the
 * interval it reports ({@link Naming}) instead of rewriting sentences. {@link #kind()} names the
 * record in JSON.
 */
public sealed interface Evidence {

    /** How endpoints are named in text. */
    interface Naming {
        Naming IDS = Endpoint::id;

        String name(Endpoint endpoint);
    }

    String text(Naming naming);

    default String text() {
        return text(Naming.IDS);
    }

    /** The record's name in JSON: {@code rule-decides}, {@code network-policy-allows}, ... */
    String kind();

    private static String dir(Direction direction) {
        return direction.wireName().toLowerCase(Locale.ROOT);
    }

    private static String passed(Optional<Explanation.LayerRuleRef> passedBy) {
        return passedBy.map(p -> "passed by " + p + "; ").orElse("");
    }

    /** A first-match tier's rule (admin or baseline) allows or denies, maybe after a Pass in an earlier tier. */
    record RuleDecides(Direction direction, Optional<Explanation.LayerRuleRef> passedBy, Explanation.LayerRuleRef rule)
            implements Evidence {
        @Override
        public String text(Naming naming) {
            return dir(direction) + ": " + passed(passedBy) + (rule.actionKind() == Action.ALLOW ? "allowed by "
                    : "denied by ") + rule;
        }

        @Override
        public String kind() {
            return "rule-decides";
        }
    }

    /** NetworkPolicy rules allow it on an isolated side, maybe after a Pass. */
    record NetworkPolicyAllows(Direction direction, Optional<Explanation.LayerRuleRef> passedBy,
                               List<Explanation.RuleRef> rules) implements Evidence {
        @Override
        public String text(Naming naming) {
            return dir(direction) + ": " + passed(passedBy) + "allowed by "
                    + rules.stream().map(Explanation.RuleRef::toString).collect(Collectors.joining(", "));
        }

        @Override
        public String kind() {
            return "network-policy-allows";
        }
    }

    /** No rule decides and no selecting tier ends in deny: allowed, as the side's summary says. */
    record NoRuleDecides(Direction direction, Optional<Explanation.LayerRuleRef> passedBy, boolean tieredRulesApply,
                         Explanation.Side side) implements Evidence {
        @Override
        public String text(Naming naming) {
            if (!tieredRulesApply && passedBy.isEmpty()) {
                return dir(direction) + ": " + side.summary(naming);
            }
            return dir(direction) + ": " + passed(passedBy) + "no admin policy rule decides and " + side.summary(naming)
                    + ": allowed";
        }

        @Override
        public String kind() {
            return "no-rule-decides";
        }
    }

    /** An admin rule passed it to the NetworkPolicies, which deny it (the reasons follow). */
    record PassedToNetworkPolicies(Direction direction, Explanation.LayerRuleRef rule) implements Evidence {
        @Override
        public String text(Naming naming) {
            return dir(direction) + ": passed to the NetworkPolicies by " + rule;
        }

        @Override
        public String kind() {
            return "passed-to-next-tier";
        }
    }

    /** The side is isolated (its tier ends in deny): which policies isolate it. */
    record IsolatedBy(Explanation.Side side) implements Evidence {
        @Override
        public String text(Naming naming) {
            return dir(side.direction()) + ": " + side.summary(naming);
        }

        @Override
        public String kind() {
            return "isolated-by";
        }
    }

    /** An isolating policy without rules for the direction allows nothing. */
    record PolicyHasNoRules(Direction direction, PolicyFact policy) implements Evidence {
        @Override
        public String text(Naming naming) {
            return "  " + policy.namespace() + "/" + policy.name() + " (" + policy.source() + ") has no " + dir(direction)
                    + " rules: it allows no " + dir(direction) + " traffic";
        }

        @Override
        public String kind() {
            return "policy-has-no-rules";
        }
    }

    /** A rule's peers do not match the other endpoint. */
    record PeerDoesNotMatch(Explanation.RuleRef rule, String peers, Endpoint peer) implements Evidence {
        @Override
        public String text(Naming naming) {
            return "  " + rule + ": peers " + peers + " do not match " + naming.name(peer);
        }

        @Override
        public String kind() {
            return "peer-does-not-match";
        }
    }

    /** A rule's peers match but its ports do not include the connections. */
    record PortNotListed(Explanation.RuleRef rule, String ports, ConnectionSet connections) implements Evidence {
        @Override
        public String text(Naming naming) {
            return "  " + rule + ": ports " + ports + " do not include " + connections;
        }

        @Override
        public String kind() {
            return "port-not-listed";
        }
    }

    /** A named port of a rule resolves to no container port of the destination. */
    record NamedPortUnresolved(String port, Endpoint destination) implements Evidence {
        @Override
        public String text(Naming naming) {
            return "    named port " + port + " is not a container port of " + naming.name(destination);
        }

        @Override
        public String kind() {
            return "named-port-unresolved";
        }
    }

    /** The ingress controller sends only to what Ingresses and Routes expose. */
    record NotExposed(Endpoint destination, ConnectionSet exposed) implements Evidence {
        @Override
        public String text(Naming naming) {
            return exposed.isEmpty() ? "no Ingress or Route exposes " + naming.name(destination)
                    : "no Ingress or Route exposes these ports of " + naming.name(destination) + " (exposed: " + exposed + ")";
        }

        @Override
        public String kind() {
            return "not-exposed";
        }
    }

    /** Traffic no policy governs (two addresses outside, the controller as a destination). */
    record NotGoverned(String reason) implements Evidence {
        @Override
        public String text(Naming naming) {
            return reason;
        }

        @Override
        public String kind() {
            return "not-governed";
        }
    }
}
