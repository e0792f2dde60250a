package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PortMatch;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds an {@link Explanation} from the analysis' compiled rules for one pair of endpoints. */
final class ExplanationBuilder {

    private final ConnectivityAnalysis analysis;
    /** Connections kept apart from the rest in their own parts (none: group by evidence alone). */
    private final ConnectionSet focus;

    ExplanationBuilder(ConnectivityAnalysis analysis, ConnectionSet focus) {
        this.analysis = analysis;
        this.focus = focus;
    }

    Explanation explain(Endpoint source, Endpoint destination) {
        ConnectionSet verdict = analysis.allowed(source, destination);
        if (source instanceof Endpoint.External && destination instanceof Endpoint.External) {
            return denied(
                    source,
                    destination,
                    "both endpoints are outside the cluster: NetworkPolicies do not govern this traffic");
        }
        if (destination instanceof Endpoint.IngressController
                || source instanceof Endpoint.IngressController && !(destination instanceof Endpoint.OfWorkload)) {
            return denied(source, destination, "the ingress controller is only a source, of traffic to workloads");
        }
        if (source instanceof Endpoint.IngressController && !analysis.hasIngressController()) {
            return denied(source, destination, "no Ingress or Route objects: the ingress controller sends nothing");
        }
        List<Endpoint.External> split = splitExternal(source, destination);
        if (split.size() > 1) {
            List<Explanation> pieces = new ArrayList<>();
            for (Endpoint.External piece : split) {
                pieces.add(source instanceof Endpoint.External ? explain(piece, destination) : explain(source, piece));
            }
            String note = "policies treat the addresses of "
                    + (source instanceof Endpoint.External ? source : destination).id()
                    + " differently; the verdict is what every address may do, explained per piece";
            return new Explanation(source, destination, verdict, null, null, List.of(), List.of(note), pieces);
        }
        Explanation.Side egress = side(Direction.EGRESS, source, source, destination);
        Explanation.Side ingress = side(Direction.INGRESS, destination, source, destination);
        List<Explanation.Part> parts = parts(egress, ingress);
        List<String> notes = List.of();
        if (source instanceof Endpoint.IngressController && destination instanceof Endpoint.OfWorkload d) {
            parts = exposedOnly(parts, d.workload());
            notes = analysis.exposedBy(d.workload()).stream()
                    .map(v -> "exposed by " + v)
                    .toList();
        }
        return new Explanation(source, destination, verdict, egress, ingress, parts, notes, List.of());
    }

    private Explanation denied(Endpoint source, Endpoint destination, String reason) {
        List<Explanation.Part> parts = new ArrayList<>();
        // the focus (the port asked about) in a part of its own, as parts() keeps it
        for (ConnectionSet connections : refine(List.of(ConnectionSet.all()), focus)) {
            parts.add(new Explanation.Part(
                    connections,
                    false,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(new Evidence.NotGoverned(reason)),
                    List.of()));
        }
        return new Explanation(source, destination, ConnectionSet.none(), null, null, parts, List.of(), List.of());
    }

    private List<Endpoint.External> splitExternal(Endpoint source, Endpoint destination) {
        if (source instanceof Endpoint.External s) {
            return ConnectivityAnalysis.clip(s, analysis.pieces(Direction.INGRESS));
        }
        if (destination instanceof Endpoint.External d) {
            return ConnectivityAnalysis.clip(d, analysis.pieces(Direction.EGRESS));
        }
        return List.of();
    }

    private Explanation.Side side(Direction direction, Endpoint subject, Endpoint source, Endpoint destination) {
        if (!(subject instanceof Endpoint.OfWorkload w)) {
            return new Explanation.Side(direction, subject, false, List.of(), ConnectionSet.all());
        }
        WorkloadClass subjectClass = analysis.classOf(w.workload());
        SideProfile profile = subjectClass.profile(direction);
        Endpoint peer = direction == Direction.EGRESS ? destination : source;
        int peerClass = analysis.peerClassIndex(peer);
        long first = peer instanceof Endpoint.External e ? e.first() : 0;
        long last = peer instanceof Endpoint.External e ? e.last() : 0;
        WorkloadClass destinationClass =
                destination instanceof Endpoint.OfWorkload d ? analysis.classOf(d.workload()) : null;
        ConnectionSet allowed =
                ConnectivityAnalysis.side(subjectClass, direction, peerClass, first, last, destinationClass);
        if (profile == null) {
            return new Explanation.Side(direction, subject, true, List.of(), allowed);
        }
        // the profile's tiers, in the evaluator's order: the one place that order is decided (LayerModel)
        List<Explanation.TierCheck> tiers = new ArrayList<>();
        for (int t = 0; t < profile.tiers.length; t++) {
            List<Explanation.LayerRuleCheck> checks = new ArrayList<>();
            for (ClassRule rule : profile.rules[t]) {
                checks.add(check(rule, rule.matches(peerClass, first, last), destinationClass));
            }
            tiers.add(new Explanation.TierCheck(profile.tiers[t], profile.selectingByTier.get(t), checks));
        }
        return new Explanation.Side(direction, subject, true, tiers, allowed);
    }

    private static Explanation.LayerRuleCheck check(ClassRule rule, boolean matched, WorkloadClass destinationClass) {
        LayerRule r = rule.rule;
        List<String> unresolved = r.ports().unresolved(ClassRule.portsOf(destinationClass)).stream()
                .map(PortMatch.NamedPort::toString)
                .toList();
        String peers = r.peers().size() == 1 && r.peers().get(0).matchesEverything()
                ? r.peers().get(0).text()
                : r.peers().stream().map(Peer::text).collect(Collectors.joining("; ", "[", "]"));
        return new Explanation.LayerRuleCheck(
                new Explanation.LayerRuleRef(r),
                peers,
                matched,
                r.ports().text(),
                rule.portsFor(destinationClass),
                unresolved);
    }

    /**
     * How one side decides an atom of connections, tier by tier as the evaluator folds them
     * ({@code SideProfile}, {@code ReferenceEvaluator}): in a tier, the first rule that matches decides
     * (allow, deny) or passes to the next tier; when none matches and a policy of the tier selects the
     * subject, the tier's end action applies (deny, or pass on); after the last tier, allowed.
     *
     * @param npRules    the Kubernetes NetworkPolicy rules that allow it
     * @param tierRules  the other rules that decided it or passed it on
     * @param evidence   what decided it, passes first (when denied at a tier's end: the passes, then the
     *                   tier's default; the rule-by-rule reasons are gathered per part)
     * @param endedIn    the tier whose end denied it (null otherwise)
     * @param unmatched  the tiers it went through without a matching rule since the last pass, up to {@code endedIn}
     */
    private record Decision(
            boolean allowed,
            List<Explanation.RuleRef> npRules,
            List<Explanation.LayerRuleRef> tierRules,
            List<Evidence> evidence,
            Explanation.TierCheck endedIn,
            List<Explanation.TierCheck> unmatched) {}

    private static Decision decide(Explanation.Side side, ConnectionSet atom) {
        Direction direction = side.direction();
        List<Evidence> passes = new ArrayList<>();
        List<Explanation.LayerRuleRef> passRules = new ArrayList<>();
        List<Explanation.TierCheck> unmatched = new ArrayList<>();
        for (Explanation.TierCheck tier : side.tiers()) {
            Explanation.LayerRuleCheck first = tier.rules().stream()
                    .filter(c -> c.matches(atom))
                    .findFirst()
                    .orElse(null);
            if (first == null) {
                unmatched.add(tier);
                if (tier.selected() && tier.tier().end() == TierEnd.DENY) {
                    List<Evidence> evidence = new ArrayList<>(passes);
                    evidence.add(new Evidence.TierDefault(direction, side.subject(), tier.tier(), tier.selecting()));
                    return new Decision(false, List.of(), passRules, evidence, tier, unmatched);
                }
                if (tier.selected() && tier.tier().end() == TierEnd.PASS) {
                    passes.add(new Evidence.TierDefault(direction, side.subject(), tier.tier(), tier.selecting()));
                    unmatched.clear();
                }
                continue;
            }
            Explanation.LayerRuleRef rule = first.rule();
            switch (rule.actionKind()) {
                case PASS -> {
                    passes.add(new Evidence.PassedToNextTier(direction, rule));
                    passRules.add(rule);
                    unmatched.clear();
                    continue;
                }
                case DENY -> {
                    List<Evidence> evidence = new ArrayList<>(passes);
                    evidence.add(new Evidence.RuleDenies(direction, rule));
                    List<Explanation.LayerRuleRef> refs = new ArrayList<>(passRules);
                    refs.add(rule);
                    return new Decision(false, List.of(), refs, evidence, null, List.of());
                }
                default -> {
                    // a tier of allows only is a union (NetworkPolicy): every rule that allows it is evidence
                    List<Explanation.LayerRuleRef> allowing = tier.allowOnly()
                            ? tier.rules().stream()
                                    .filter(c -> c.matches(atom))
                                    .map(Explanation.LayerRuleCheck::rule)
                                    .toList()
                            : List.of(rule);
                    List<Evidence> evidence = new ArrayList<>(passes);
                    evidence.add(new Evidence.RuleAllows(direction, allowing));
                    List<Explanation.RuleRef> np = allowing.stream()
                            .flatMap(r -> r.networkPolicyRule().stream())
                            .toList();
                    List<Explanation.LayerRuleRef> refs = new ArrayList<>(passRules);
                    allowing.stream()
                            .filter(r -> r.networkPolicyRule().isEmpty())
                            .forEach(refs::add);
                    return new Decision(true, np, refs, evidence, null, List.of());
                }
            }
        }
        List<Evidence> evidence = new ArrayList<>(passes);
        evidence.add(new Evidence.NoRuleDecides(direction, !passes.isEmpty(), side));
        return new Decision(true, List.of(), passRules, evidence, null, List.of());
    }

    /** Cuts the port space into atoms on which every rule either covers all or nothing, then groups equal evidence. */
    private List<Explanation.Part> parts(Explanation.Side egress, Explanation.Side ingress) {
        List<ConnectionSet> atoms = refine(List.of(ConnectionSet.all()), focus);
        for (Explanation.Side side : List.of(egress, ingress)) {
            for (Explanation.LayerRuleCheck check : side.rules()) {
                if (check.peerMatched()) {
                    atoms = refine(atoms, check.ports());
                }
            }
        }
        record Key(Decision egress, Decision ingress, boolean focused) {}
        Map<Key, ConnectionSet> grouped = new LinkedHashMap<>();
        for (ConnectionSet atom : atoms) {
            Key key = new Key(decide(egress, atom), decide(ingress, atom), !focus.isEmpty() && focus.containsAll(atom));
            grouped.merge(key, atom, ConnectionSet::union);
        }
        List<Explanation.Part> parts = new ArrayList<>();
        grouped.forEach((key, connections) -> {
            boolean allowed = key.egress().allowed() && key.ingress().allowed();
            List<Direction> deniedBy = new ArrayList<>();
            List<Evidence> reasons = new ArrayList<>();
            if (allowed) {
                reasons.addAll(key.egress().evidence());
                reasons.addAll(key.ingress().evidence());
            } else {
                for (Explanation.Side side : List.of(egress, ingress)) {
                    Decision d = side == egress ? key.egress() : key.ingress();
                    if (d.allowed()) {
                        continue;
                    }
                    deniedBy.add(side.direction());
                    reasons.addAll(d.evidence());
                    if (d.endedIn() != null) {
                        denyReasons(
                                side, d, connections, side == egress ? ingress.subject() : egress.subject(), reasons);
                    }
                }
            }
            List<Explanation.LayerRuleRef> tierRules =
                    new ArrayList<>(key.egress().tierRules());
            tierRules.addAll(key.ingress().tierRules());
            parts.add(new Explanation.Part(
                    connections,
                    allowed,
                    key.egress().npRules(),
                    key.ingress().npRules(),
                    deniedBy,
                    reasons,
                    tierRules));
        });
        parts.sort((a, b) -> a.allowed() != b.allowed() ? (a.allowed() ? -1 : 1) : 0);
        return parts;
    }

    /** The ingress controller sends TCP to exposed ports only: the rest of every allowed part is denied for that. */
    private List<Explanation.Part> exposedOnly(List<Explanation.Part> parts, Workload destination) {
        ConnectionSet exposed = analysis.exposedPorts(destination);
        List<Explanation.Part> out = new ArrayList<>();
        ConnectionSet notExposed = ConnectionSet.none();
        for (Explanation.Part p : parts) {
            if (!p.allowed()) {
                out.add(p);
                continue;
            }
            ConnectionSet in = p.connections().intersect(exposed);
            if (!in.isEmpty()) {
                out.add(new Explanation.Part(
                        in, true, p.egressRules(), p.ingressRules(), p.deniedBy(), p.evidence(), p.tierRules()));
            }
            notExposed = notExposed.union(p.connections().minus(exposed));
        }
        // the focus stays in a part of its own (parts() keeps it apart), so the reason names the asked port only
        for (ConnectionSet connections : refine(List.of(notExposed), focus)) {
            out.add(new Explanation.Part(
                    connections,
                    false,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(new Evidence.NotExposed(new Endpoint.OfWorkload(destination), exposed)),
                    List.of()));
        }
        out.sort((a, b) -> a.allowed() != b.allowed() ? (a.allowed() ? -1 : 1) : 0);
        return out;
    }

    private static List<ConnectionSet> refine(List<ConnectionSet> atoms, ConnectionSet by) {
        List<ConnectionSet> out = new ArrayList<>(atoms.size() + 1);
        for (ConnectionSet atom : atoms) {
            ConnectionSet in = atom.intersect(by);
            ConnectionSet rest = atom.minus(by);
            if (!in.isEmpty()) {
                out.add(in);
            }
            if (!rest.isEmpty()) {
                out.add(rest);
            }
        }
        return out;
    }

    /**
     * Why a tier's end denies {@code part}: the selecting policies without rules for the direction, then
     * rule by rule, in every tier it went through unmatched, why none matched.
     */
    private static void denyReasons(
            Explanation.Side side, Decision decision, ConnectionSet part, Endpoint peer, List<Evidence> out) {
        Endpoint destination = side.direction() == Direction.EGRESS ? peer : side.subject();
        for (PolicyObject policy : decision.endedIn().selecting()) {
            boolean hasRules = side.rules().stream().anyMatch(c -> c.rule().policy() == policy);
            if (!hasRules) {
                out.add(new Evidence.PolicyHasNoRules(side.direction(), policy));
            }
        }
        for (Explanation.TierCheck tier : decision.unmatched()) {
            for (Explanation.LayerRuleCheck check : tier.rules()) {
                if (check.rule().actionKind() == Action.LOG) {
                    continue; // a Log rule decides nothing: it is no reason
                }
                if (!check.peerMatched()) {
                    out.add(new Evidence.PeerDoesNotMatch(check.rule(), check.peers(), peer));
                    continue;
                }
                out.add(new Evidence.PortNotListed(check.rule(), describePorts(check), part));
                for (String unresolved : check.unresolvedNamedPorts()) {
                    out.add(new Evidence.NamedPortUnresolved(unresolved, destination));
                }
            }
        }
    }

    /** The ports as written, and what they resolve to on the destination when they name ports. */
    private static String describePorts(Explanation.LayerRuleCheck check) {
        boolean named = check.rule().rule().ports().hasNamedPorts();
        return named
                ? check.portsWritten() + " (on this destination: "
                        + (check.ports().isEmpty() ? "none" : check.ports()) + ")"
                : check.portsWritten();
    }
}
