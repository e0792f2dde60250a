package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
            return policy.namespace() + "/" + policy.name() + " " + direction.wireName().toLowerCase(Locale.ROOT)
                    + " rule " + number() + " (" + source + ")";
        }
    }

    /**
     * A rule of a first-match tier (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy):
     * the normalised rule, with the policy, direction, 0-based {@code index}, action and where it is
     * written. Text counts from 1: {@link #number()}.
     */
    public record LayerRuleRef(LayerRule rule) {
        public PolicyObject policy() {
            return rule.policy();
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
                List<ClusterNetworkPolicyFact.Rule> rules = rule.direction() == Direction.INGRESS ? a.ingress() : a.egress();
                return rules.get(rule.ruleIndex()).action();
            }
            String name = rule.action().name();
            return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
        }

        /** The rule's number as people count: the first rule is 1. */
        public int number() {
            return index() + 1;
        }

        /** {@code AdminNetworkPolicy name (priority 5) egress rule 1 "rule-name": Deny (file:line)} for the first rule. */
        @Override
        public String toString() {
            String priority = "";
            if (rule.policy() instanceof ClusterNetworkPolicyFact a && (!a.baseline() || a.isClusterNetworkPolicy())) {
                priority = " (" + (a.isClusterNetworkPolicy() ? "tier " + a.tier() + ", " : "") + "priority "
                        + a.priority() + ")";
            } else if (rule.policy() instanceof CalicoPolicyFact c) {
                // Calico evidence names the tier and the order that placed the rule (absent: after every order)
                priority = " (tier " + c.tier() + ", order " + (c.order().isPresent() ? formatOrder(c.order().getAsDouble())
                        : "none") + ")";
            }
            String name = rule.ruleName();
            return rule.policy().kind() + " " + rule.policy().name() + priority + " "
                    + direction().wireName().toLowerCase(Locale.ROOT) + " rule " + number()
                    + (name.isEmpty() ? "" : " \"" + name + "\"") + ": " + action() + " (" + source() + ")";
        }
    }

    private static String formatOrder(double order) {
        return order == Math.rint(order) ? Long.toString((long) order) : Double.toString(order);
    }

    /**
     * How one admin policy rule relates to this pair: whether the other endpoint is one of its peers
     * and which ports it covers towards the destination (named ports resolved).
     */
    public record LayerRuleCheck(LayerRuleRef rule, boolean peerMatched, ConnectionSet ports) {
    }

    /**
     * How one rule of an isolating policy relates to this pair.
     *
     * @param peers                 the rule's peers as written ({@code all peers} when none)
     * @param peerMatched           the other endpoint is one of the rule's peers
     * @param ports                 what the rule allows towards the destination (named ports resolved)
     * @param unresolvedNamedPorts  named ports that matched no container port of the destination, as {@code name/PROTO}
     */
    public record RuleCheck(RuleRef rule, String peers, boolean peerMatched, ConnectionSet ports,
                            List<String> unresolvedNamedPorts) {
        public RuleCheck {
            unresolvedNamedPorts = List.copyOf(unresolvedNamedPorts);
        }

        /** What this rule allows for the pair: its ports when the peer matched, else nothing. */
        public ConnectionSet allows() {
            return peerMatched ? ports : ConnectionSet.none();
        }
    }

    /**
     * One direction's side of the pair: the source's egress or the destination's ingress.
     *
     * @param subject            the endpoint whose policies decide this side
     * @param applies            false when the subject is outside the cluster (no policy governs it)
     * @param isolated           some policy selects the subject for this direction
     * @param isolatingPolicies  those policies
     * @param rules              every rule of those policies, checked against the pair
     * @param allowed            what this side allows (everything when neither admin nor network policies restrict it)
     * @param adminRules         the rules of the AdminNetworkPolicies selecting the subject, in evaluation order
     * @param baselineRules      the rules of the BaselineAdminNetworkPolicy selecting the subject
     */
    public record Side(Direction direction, Endpoint subject, boolean applies, boolean isolated,
                       List<PolicyFact> isolatingPolicies, List<RuleCheck> rules, ConnectionSet allowed,
                       List<LayerRuleCheck> adminRules, List<LayerRuleCheck> baselineRules,
                       List<PolicyObject> isolatingObjects) {
        public Side {
            isolatingPolicies = List.copyOf(isolatingPolicies);
            rules = List.copyOf(rules);
            adminRules = List.copyOf(adminRules);
            baselineRules = List.copyOf(baselineRules);
            isolatingObjects = List.copyOf(isolatingObjects);
        }

        /** Without policies of other kinds (a CNI's own) among the isolating ones. */
        public Side(Direction direction, Endpoint subject, boolean applies, boolean isolated,
                    List<PolicyFact> isolatingPolicies, List<RuleCheck> rules, ConnectionSet allowed,
                    List<LayerRuleCheck> adminRules, List<LayerRuleCheck> baselineRules) {
            this(direction, subject, applies, isolated, isolatingPolicies, rules, allowed, adminRules, baselineRules,
                    List.of());
        }

        Side(Direction direction, Endpoint subject, boolean applies, boolean isolated, List<PolicyFact> isolatingPolicies,
             List<RuleCheck> rules, ConnectionSet allowed) {
            this(direction, subject, applies, isolated, isolatingPolicies, rules, allowed, List.of(), List.of());
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
            if (!isolated) {
                return id + " is not isolated for " + dir;
            }
            List<String> names = isolatingPolicies.stream().map(p -> p.namespace() + "/" + p.name() + " ("
                    + p.source() + ")").collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            // policies of other kinds (a CNI's own, e.g. a CiliumClusterwideNetworkPolicy's default deny)
            isolatingObjects.stream().filter(o -> !(o instanceof PolicyFact))
                    .forEach(o -> names.add(o.policyId() + " (" + o.source() + ")"));
            return id + " is isolated for " + dir + " by " + String.join(", ", names);
        }
    }

    /**
     * A port set with one body of evidence.
     *
     * @param egressRules   the source's egress rules that allow it (empty when not isolated or denied)
     * @param ingressRules  the destination's ingress rules that allow it
     * @param deniedBy      the directions whose side denies it (empty when allowed)
     * @param evidence      the evidence, as data; {@link #reasons()} renders it
     * @param adminRules    the admin policy rules that decided it (Allow, Deny) or passed it on, egress side first
     */
    public record Part(ConnectionSet connections, boolean allowed, List<RuleRef> egressRules,
                       List<RuleRef> ingressRules, List<Direction> deniedBy, List<Evidence> evidence,
                       List<LayerRuleRef> adminRules) {
        public Part {
            egressRules = List.copyOf(egressRules);
            ingressRules = List.copyOf(ingressRules);
            deniedBy = List.copyOf(deniedBy);
            evidence = List.copyOf(evidence);
            adminRules = List.copyOf(adminRules);
        }

        /** The evidence as sentences, one each. */
        public List<String> reasons() {
            return evidence.stream().map(Evidence::text).toList();
        }

        /** The evidence as sentences, endpoints named by {@code naming}. */
        public List<String> reasons(Evidence.Naming naming) {
            return evidence.stream().map(e -> e.text(naming)).toList();
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

    Explanation(Endpoint source, Endpoint destination, ConnectionSet allowed, Side egress, Side ingress,
                List<Part> parts, List<String> notes, List<Explanation> pieces) {
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
        return parts.stream().filter(p -> p.connections().contains(protocol, port)).findFirst();
    }

    /** General remarks (traffic not governed by policies, address ranges split into pieces). */
    public List<String> notes() {
        return notes;
    }

    /** Per-piece explanations when an external range is treated differently across its addresses. */
    public List<Explanation> pieces() {
        return pieces;
    }

    /** Human-readable, multi-line; what the CLI and failed specs print. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String indent) {
        sb.append(indent).append(source.id()).append(" => ").append(destination.id()).append(": ")
                .append(verdictWord()).append('\n');
        for (String note : notes) {
            sb.append(indent).append("  note: ").append(note).append('\n');
        }
        for (Explanation piece : pieces) {
            piece.render(sb, indent + "  ");
        }
        for (Part part : parts) {
            sb.append(indent).append("  ").append(part.allowed() ? "allowed " : "denied ")
                    .append(part.connections()).append('\n');
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
        sb.append(indent).append(source.id()).append(" => ").append(destination.id()).append(" on ").append(port)
                .append('/').append(protocol).append(": ").append(isAllowed(protocol, port) ? "allowed" : "denied")
                .append('\n');
        for (String note : notes) {
            sb.append(indent).append("  note: ").append(note).append('\n');
        }
        for (Explanation piece : pieces) {
            piece.renderFor(sb, indent + "  ", protocol, port);
        }
        partFor(protocol, port).ifPresent(part -> part.reasons()
                .forEach(reason -> sb.append(indent).append("  ").append(reason).append('\n')));
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
