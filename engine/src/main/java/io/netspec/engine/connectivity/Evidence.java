package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.Explanation.LayerRuleRef;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Printable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One piece of evidence for a part of an {@link Explanation}: data (the tier, rules, policies and
 * endpoints it is about), rendered to a sentence by {@link #text(Naming)} and to a printable line by
 * {@link #line(Naming)}. {@code explain}, failing specs and {@code diff} render the same records;
 * {@code diff} names an address piece by the interval it reports ({@link Naming}) instead of rewriting
 * sentences. {@link #kind()} names the record in JSON, whose other fields are the record's components.
 *
 * <p>One side's evidence follows the evaluator's fold of the tiers ({@code LayerModel}, as {@code SideProfile} computes it):
 * zero or more passes ({@link PassedToNextTier} for a Pass rule, {@link TierDefault} for a tier ending in Pass), then
 * what decided: a rule
 * ({@link RuleAllows}, {@link RuleDenies}), the end of a tier that selects the endpoint ({@link TierDefault},
 * followed rule by rule by why none matched), or nothing ({@link NoRuleDecides}).
 */
public sealed interface Evidence {

    /** How endpoints are named in text. */
    interface Naming {
        Naming IDS = Endpoint::id;

        String name(Endpoint endpoint);
    }

    /** The sentence, with names as the manifests write them (JSON carries it as is). */
    String text(Naming naming);

    default String text() {
        return text(Naming.IDS);
    }

    /**
     * The sentence as one printable line: names come from manifests, so their control characters and line
     * breaks are shown escaped, never obeyed by a terminal ({@link Printable#line}). What text output prints.
     */
    default String line(Naming naming) {
        return Printable.line(text(naming));
    }

    /** The record's name in JSON: {@code rule-allows}, {@code tier-default}, ... */
    String kind();

    private static String dir(Direction direction) {
        return direction.wireName().toLowerCase(Locale.ROOT);
    }

    /**
     * A policy as evidence names it: a NetworkPolicy as {@code ns/name (file:line)}, other kinds as
     * {@code Kind ns/name (file:line)}.
     */
    static String policyName(PolicyObject policy) {
        String name = (policy.namespace().isEmpty() ? "" : policy.namespace() + "/") + policy.name();
        return (policy instanceof PolicyFact ? "" : policy.kind() + " ") + name + " (" + policy.source() + ")";
    }

    /** The first matching rule of a tier allows it; in a tier of allow rules only (NetworkPolicy), every rule that allows it. */
    record RuleAllows(Direction direction, List<LayerRuleRef> rules) implements Evidence {
        public RuleAllows {
            rules = List.copyOf(rules);
        }

        @Override
        public String text(Naming naming) {
            return dir(direction) + ": allowed by "
                    + rules.stream().map(LayerRuleRef::toString).collect(Collectors.joining(", "));
        }

        @Override
        public String kind() {
            return "rule-allows";
        }
    }

    /** The first matching rule of a tier denies it. */
    record RuleDenies(Direction direction, LayerRuleRef rule) implements Evidence {
        @Override
        public String text(Naming naming) {
            return dir(direction) + ": denied by " + rule;
        }

        @Override
        public String kind() {
            return "rule-denies";
        }
    }

    /** The first matching rule of a tier passes it to the next tier. */
    record PassedToNextTier(Direction direction, LayerRuleRef rule) implements Evidence {
        public PassedToNextTier {
            if (rule.actionKind() != Action.PASS) {
                throw new IllegalArgumentException("not a Pass rule: " + rule);
            }
        }

        @Override
        public String text(Naming naming) {
            return dir(direction) + ": passed to the next tier by " + rule;
        }

        @Override
        public String kind() {
            return "passed-to-next-tier";
        }
    }

    /**
     * No rule of {@code tier} matched, and {@code policies} of the tier select {@code subject} for this
     * direction: the tier's end action decides (a Calico tier's defaultAction, Cilium's default deny,
     * Kubernetes NetworkPolicy isolation). {@link TierEnd#DENY} denies; {@link TierEnd#PASS} goes on
     * to the next tier.
     */
    record TierDefault(Direction direction, Endpoint subject, Tier tier, List<PolicyObject> policies)
            implements Evidence {
        public TierDefault {
            policies = List.copyOf(policies);
            if (tier.end() == TierEnd.NONE) {
                throw new IllegalArgumentException("tier " + tier + " has no end action");
            }
        }

        /** The end action: {@code Deny} or {@code Pass}. */
        public String action() {
            return tier.end() == TierEnd.DENY ? "Deny" : "Pass";
        }

        @Override
        public String text(Naming naming) {
            String names = policies.stream().map(Evidence::policyName).collect(Collectors.joining(", "));
            if (tier.equals(Tier.NETWORK_POLICY)) {
                // Kubernetes' own word for its tier default
                return dir(direction) + ": " + naming.name(subject) + " is isolated for " + dir(direction) + " by "
                        + names;
            }
            return dir(direction) + ": tier " + tier.name()
                    + (tier.end() == TierEnd.DENY ? " ends in Deny" : " ends in Pass (to the next tier)") + " for "
                    + naming.name(subject) + ", selected by " + names
                    + ": no rule decided it";
        }

        @Override
        public String kind() {
            return "tier-default";
        }
    }

    /** No tier decided: allowed, as after the last tier. */
    record NoRuleDecides(Direction direction, boolean passed, Explanation.Side side) implements Evidence {
        @Override
        public String text(Naming naming) {
            if (!passed && side.rules().isEmpty() && side.tiers().stream().noneMatch(Explanation.TierCheck::selected)) {
                return dir(direction) + ": " + side.summary(naming);
            }
            if (!side.isolated()) {
                return dir(direction) + ": no rule decides and " + side.summary(naming) + ": allowed";
            }
            return dir(direction) + ": no later tier decides: allowed";
        }

        @Override
        public String kind() {
            return "no-rule-decides";
        }
    }

    /** A policy that selects the endpoint for a tier ending in deny has no rules for the direction: it allows nothing. */
    record PolicyHasNoRules(Direction direction, PolicyObject policy) implements Evidence {
        @Override
        public String text(Naming naming) {
            return "  " + policyName(policy) + " has no " + dir(direction) + " rules: it allows no " + dir(direction)
                    + " traffic";
        }

        @Override
        public String kind() {
            return "policy-has-no-rules";
        }
    }

    /** A rule's peers do not match the other endpoint. */
    record PeerDoesNotMatch(LayerRuleRef rule, String peers, Endpoint peer) implements Evidence {
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
    record PortNotListed(LayerRuleRef rule, String ports, ConnectionSet connections) implements Evidence {
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
            return exposed.isEmpty()
                    ? "no Ingress or Route exposes " + naming.name(destination)
                    : "no Ingress or Route exposes these ports of " + naming.name(destination) + " (exposed: " + exposed
                            + ")";
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
