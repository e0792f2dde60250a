package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a connection is allowed or denied: per protocol and port range, the egress and ingress
 * policy rules that allow it (policy, rule number, file:line), or the isolating policies that leave
 * it denied, or "not isolated".
 *
 * <p>The verdict ({@link #allowed()}) is split into {@link #parts()}: port sets that share the same
 * evidence. An allowed part names the rules that allow it on each side; a denied part names the
 * side(s) that deny it and, rule by rule, why no rule matched.
 *
 * <p>An external address range that policies treat differently in several pieces is explained
 * piece by piece ({@link #pieces()}); its own parts are then empty and its verdict is what every
 * address of the range may do.
 */
public final class Explanation {

    /**
     * A rule of a policy: policy, direction, 0-based {@code index} into the policy's rules of that
     * direction, and where it is written. Text counts from 1, as {@code check} does: {@link #number()}.
     */
    public record RuleRef(PolicyFact policy, Direction direction, int index, SourceRef source) {
        /** The rule's number as people count: the first rule is 1. */
        public int number() {
            return index + 1;
        }

        /** {@code ns/name ingress rule 1 (file:line)} for the first ingress rule. */
        @Override
        public String toString() {
            return policy.namespace() + "/" + policy.name() + " "
                    + direction.wireName().toLowerCase(Locale.ROOT) + " rule " + number() + " (" + source + ")";
        }
    }

    /**
     * A rule of the layer model, of any policy kind: the normalised rule, with its tier, the policy,
     * direction, 0-based {@code index}, action and where it is written. Text counts from 1: {@link #number()}.
     */
    public record LayerRuleRef(LayerRule rule) {
        public PolicyObject policy() {
            return rule.policy();
        }

        public Tier tier() {
            return rule.tier();
        }

        public Direction direction() {
            return rule.direction();
        }

        public int index() {
            return rule.ruleIndex();
        }

        public SourceRef source() {
            return rule.source();
        }

        public Action actionKind() {
            return rule.action();
        }

        /** The action as the policy writes it ({@code Allow}, {@code Accept}, {@code Deny}, {@code Pass}). */
        public String action() {
            if (rule.policy() instanceof ClusterNetworkPolicyFact a) {
                List<ClusterNetworkPolicyFact.Rule> rules =
                        rule.direction() == Direction.INGRESS ? a.ingress() : a.egress();
                return rules.get(rule.ruleIndex()).action();
            }
            String name = rule.action().name();
            return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
        }

        /** The rule's number as people count: the first rule is 1. */
        public int number() {
            return index() + 1;
        }

        /** The same rule as a NetworkPolicy rule reference, when a Kubernetes NetworkPolicy wrote it. */
        public Optional<RuleRef> networkPolicyRule() {
            return rule.policy() instanceof PolicyFact np
                    ? Optional.of(new RuleRef(np, rule.direction(), rule.ruleIndex(), rule.source()))
                    : Optional.empty();
        }

        /**
         * Where the policy places the rule beyond its tier's name: ClusterNetworkPolicy tier and
         * priority, ANP priority, Calico tier and order (absent: after every order); empty otherwise.
         */
        public String placement() {
            if (rule.policy() instanceof ClusterNetworkPolicyFact a && (!a.baseline() || a.isClusterNetworkPolicy())) {
                return (a.isClusterNetworkPolicy() ? "tier " + a.tier() + ", " : "") + "priority " + a.priority();
            } else if (rule.policy() instanceof CalicoPolicyFact c) {
                return "tier " + c.tier() + ", order "
                        + (c.order().isPresent() ? formatOrder(c.order().getAsDouble()) : "none");
            }
            return "";
        }

        /**
         * {@code AdminNetworkPolicy name (priority 5) egress rule 1 "rule-name": Deny (file:line)} for the first
         * rule; a Kubernetes NetworkPolicy's rule as {@link RuleRef} says it ({@code ns/name ingress rule 1 (file:line)}).
         */
        @Override
        public String toString() {
            Optional<RuleRef> np = networkPolicyRule();
            if (np.isPresent()) {
                return np.get().toString();
            }
            String placement = placement();
            String name = rule.ruleName();
            String ns = rule.policy().namespace();
            return rule.policy().kind() + " " + (ns.isEmpty() ? "" : ns + "/")
                    + rule.policy().name()
                    + (placement.isEmpty() ? "" : " (" + placement + ")") + " "
                    + direction().wireName().toLowerCase(Locale.ROOT) + " rule " + number()
                    + (name.isEmpty() ? "" : " \"" + name + "\"") + ": " + action() + " (" + source() + ")";
        }
    }

    private static String formatOrder(double order) {
        return order == Math.rint(order) ? Long.toString((long) order) : Double.toString(order);
    }

    /**
     * How one rule relates to this pair: whether the other endpoint is one of its peers and which
     * ports it covers towards the destination (named ports resolved).
     *
     * @param peers                 the rule's peers as written ({@code all peers} when none)
     * @param portsWritten          the rule's ports as written
     * @param unresolvedNamedPorts  named ports that matched no container port of the destination, as {@code name/PROTO}
     */
    public record LayerRuleCheck(
            LayerRuleRef rule,
            String peers,
            boolean peerMatched,
            String portsWritten,
            ConnectionSet ports,
            List<String> unresolvedNamedPorts) {
        public LayerRuleCheck {
            unresolvedNamedPorts = List.copyOf(unresolvedNamedPorts);
        }

        /** True when this rule takes {@code atom} (cut so that every rule covers all of it or none) out of its tier. */
        public boolean matches(ConnectionSet atom) {
            return peerMatched && rule.actionKind().decides() && ports.containsAll(atom);
        }
    }

    /**
     * One tier as it applies to a side, in evaluation order: the policies of the tier that select the
     * subject (so that the tier's end action applies to it) and the tier's rules for the subject, in
     * precedence order, checked against the pair.
     */
    public record TierCheck(Tier tier, List<PolicyObject> selecting, List<LayerRuleCheck> rules) {
        public TierCheck {
            selecting = List.copyOf(selecting);
            rules = List.copyOf(rules);
        }

        /** Some policy of the tier selects the subject: the tier's end action applies to what no rule matched. */
        public boolean selected() {
            return !selecting.isEmpty();
        }

        /** Every rule allows or logs: the tier's allows are a union (Kubernetes NetworkPolicy), order does not matter. */
        public boolean allowOnly() {
            return rules.stream()
                    .allMatch(r ->
                            r.rule().actionKind() == Action.ALLOW || r.rule().actionKind() == Action.LOG);
        }
    }

    /**
     * One direction's side of the pair: the source's egress or the destination's ingress.
     *
     * @param subject  the endpoint whose policies decide this side
     * @param applies  false when the subject is outside the cluster (no policy governs it)
     * @param tiers    the tiers with rules for or selections of the subject, in evaluation order
     * @param allowed  what this side allows (the evaluator's answer)
     */
    public record Side(
            Direction direction, Endpoint subject, boolean applies, List<TierCheck> tiers, ConnectionSet allowed) {
        public Side {
            tiers = List.copyOf(tiers);
        }

        /** Some tier that ends in deny selects the subject (Kubernetes NetworkPolicy isolation, a Calico tier...). */
        public boolean isolated() {
            return tiers.stream().anyMatch(t -> t.selected() && t.tier().end() == TierEnd.DENY);
        }

        /** The policies of the tiers ending in deny that select the subject, tier by tier. */
        public List<PolicyObject> isolatingObjects() {
            return tiers.stream()
                    .filter(t -> t.selected() && t.tier().end() == TierEnd.DENY)
                    .flatMap(t -> t.selecting().stream())
                    .distinct()
                    .toList();
        }

        /** The Kubernetes NetworkPolicies among {@link #isolatingObjects()}. */
        public List<PolicyFact> isolatingPolicies() {
            return isolatingObjects().stream()
                    .filter(PolicyFact.class::isInstance)
                    .map(PolicyFact.class::cast)
                    .toList();
        }

        /** Every rule of every tier, in evaluation order. */
        public List<LayerRuleCheck> rules() {
            return tiers.stream().flatMap(t -> t.rules().stream()).toList();
        }

        /** One line: why this side allows everything, or which policies isolate it. */
        public String summary() {
            return summary(Evidence.Naming.IDS);
        }

        /** {@link #summary()} with endpoints named by {@code naming}. */
        public String summary(Evidence.Naming naming) {
            String dir = direction.wireName().toLowerCase(Locale.ROOT);
            String id = naming.name(subject);
            if (!applies) {
                return subject instanceof Endpoint.IngressController
                        ? id + " has no " + dir + " restrictions"
                        : id + " is outside the cluster: no " + dir + " policy applies";
            }
            if (!isolated()) {
                return id + " is not isolated for " + dir;
            }
            return id + " is isolated for " + dir + " by "
                    + isolatingObjects().stream().map(Evidence::policyName).collect(Collectors.joining(", "));
        }
    }

    /**
     * A port set with one body of evidence.
     *
     * @param egressRules   the source's egress rules that allow it (empty when not isolated or denied)
     * @param ingressRules  the destination's ingress rules that allow it
     * @param deniedBy      the directions whose side denies it (empty when allowed)
     * @param evidence      the evidence, as data; {@link #reasons()} renders it
     * @param tierRules     the rules of first-match tiers that decided it (allow, deny) or passed it on, egress
     *                      side first; Kubernetes NetworkPolicy allows are in {@code egressRules}/{@code ingressRules}
     */
    public record Part(
            ConnectionSet connections,
            boolean allowed,
            List<RuleRef> egressRules,
            List<RuleRef> ingressRules,
            List<Direction> deniedBy,
            List<Evidence> evidence,
            List<LayerRuleRef> tierRules) {
        public Part {
            egressRules = List.copyOf(egressRules);
            ingressRules = List.copyOf(ingressRules);
            deniedBy = List.copyOf(deniedBy);
            evidence = List.copyOf(evidence);
            tierRules = List.copyOf(tierRules);
        }

        /** The evidence as printable lines, one each (names from manifests escaped: see {@link Evidence#line}). */
        public List<String> reasons() {
            return reasons(Evidence.Naming.IDS);
        }

        /** The evidence as printable lines, endpoints named by {@code naming}. */
        public List<String> reasons(Evidence.Naming naming) {
            return evidence.stream().map(e -> e.line(naming)).toList();
        }
    }

    private final Endpoint source;
    private final Endpoint destination;
    private final ConnectionSet allowed;
    private final Side egress;
    private final Side ingress;
    private final List<Part> parts;
    private final List<String> notes;
    private final List<Explanation> pieces;

    Explanation(
            Endpoint source,
            Endpoint destination,
            ConnectionSet allowed,
            Side egress,
            Side ingress,
            List<Part> parts,
            List<String> notes,
            List<Explanation> pieces) {
        this.source = source;
        this.destination = destination;
        this.allowed = allowed;
        this.egress = egress;
        this.ingress = ingress;
        this.parts = List.copyOf(parts);
        this.notes = List.copyOf(notes);
        this.pieces = List.copyOf(pieces);
    }

    public Endpoint source() {
        return source;
    }

    public Endpoint destination() {
        return destination;
    }

    /** The verdict: what the source may send to the destination. */
    public ConnectionSet allowed() {
        return allowed;
    }

    /** Everything the verdict leaves out. */
    public ConnectionSet denied() {
        return allowed.complement();
    }

    public boolean isAllowed(Protocol protocol, int port) {
        return allowed.contains(protocol, port);
    }

    /** The source's egress side (null when this explanation is split into {@link #pieces()}). */
    public Side egress() {
        return egress;
    }

    /** The destination's ingress side (null when this explanation is split into {@link #pieces()}). */
    public Side ingress() {
        return ingress;
    }

    public List<Part> parts() {
        return parts;
    }

    public List<Part> allowedParts() {
        return parts.stream().filter(Part::allowed).toList();
    }

    public List<Part> deniedParts() {
        return parts.stream().filter(p -> !p.allowed()).toList();
    }

    /** The part holding this protocol and port (empty only when split into pieces). */
    public Optional<Part> partFor(Protocol protocol, int port) {
        return parts.stream()
                .filter(p -> p.connections().contains(protocol, port))
                .findFirst();
    }

    /** General remarks (traffic not governed by policies, address ranges split into pieces). */
    public List<String> notes() {
        return notes;
    }

    /** Per-piece explanations when an external range is treated differently across its addresses. */
    public List<Explanation> pieces() {
        return pieces;
    }

    /**
     * Human-readable, multi-line; what the CLI and failed specs print. Names come from manifests: each line
     * is escaped on its own ({@link Printable#line}), so a name's control characters and line breaks are
     * shown, never obeyed, and the only line breaks are the renderer's.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String indent) {
        sb.append(indent)
                .append(Printable.line(source.id()))
                .append(" => ")
                .append(Printable.line(destination.id()))
                .append(": ")
                .append(verdictWord())
                .append('\n');
        for (String note : notes) {
            sb.append(indent).append("  note: ").append(Printable.line(note)).append('\n');
        }
        for (Explanation piece : pieces) {
            piece.render(sb, indent + "  ");
        }
        for (Part part : parts) {
            sb.append(indent)
                    .append("  ")
                    .append(part.allowed() ? "allowed " : "denied ")
                    .append(part.connections())
                    .append('\n');
            for (String reason : part.reasons()) {
                sb.append(indent).append("    ").append(reason).append('\n');
            }
        }
    }

    /** The verdict for one port and the evidence of the part holding it; what {@code explain --port} prints. */
    public String renderFor(Protocol protocol, int port) {
        StringBuilder sb = new StringBuilder();
        renderFor(sb, "", protocol, port);
        return sb.toString();
    }

    private void renderFor(StringBuilder sb, String indent, Protocol protocol, int port) {
        sb.append(indent)
                .append(Printable.line(source.id()))
                .append(" => ")
                .append(Printable.line(destination.id()))
                .append(" on ")
                .append(port)
                .append('/')
                .append(protocol)
                .append(": ")
                .append(isAllowed(protocol, port) ? "allowed" : "denied")
                .append('\n');
        for (String note : notes) {
            sb.append(indent).append("  note: ").append(Printable.line(note)).append('\n');
        }
        for (Explanation piece : pieces) {
            piece.renderFor(sb, indent + "  ", protocol, port);
        }
        partFor(protocol, port)
                .ifPresent(part -> part.reasons()
                        .forEach(reason ->
                                sb.append(indent).append("  ").append(reason).append('\n')));
    }

    private String verdictWord() {
        if (allowed.isEmpty()) {
            return "denied (No Connections)";
        }
        return (allowed.isAll() ? "allowed (" : "partly allowed (") + allowed + ")";
    }

    @Override
    public String toString() {
        return render();
    }
}
