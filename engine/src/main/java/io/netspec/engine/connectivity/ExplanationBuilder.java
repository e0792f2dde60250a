package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.NetworkPolicyCompiler;
import io.netspec.engine.connectivity.layer.PortMatch;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            return denied(source, destination, "both endpoints are outside the cluster: NetworkPolicies do not govern this traffic");
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
            String note = "policies treat the addresses of " + (source instanceof Endpoint.External ? source : destination).id()
                    + " differently; the verdict is what every address may do, explained per piece";
            return new Explanation(source, destination, verdict, null, null, List.of(), List.of(note), pieces);
        }
        Explanation.Side egress = side(Direction.EGRESS, source, source, destination);
        Explanation.Side ingress = side(Direction.INGRESS, destination, source, destination);
        List<Explanation.Part> parts = parts(egress, ingress);
        List<String> notes = List.of();
        if (source instanceof Endpoint.IngressController && destination instanceof Endpoint.OfWorkload d) {
            parts = exposedOnly(parts, d.workload());
            notes = analysis.exposedBy(d.workload()).stream().map(v -> "exposed by " + v).toList();
        }
        return new Explanation(source, destination, verdict, egress, ingress, parts, notes, List.of());
    }

    private static Explanation denied(Endpoint source, Endpoint destination, String reason) {
        return new Explanation(source, destination, ConnectionSet.none(), null, null,
                List.of(new Explanation.Part(ConnectionSet.all(), false, List.of(), List.of(), List.of(),
                        List.of(new Evidence.NotGoverned(reason)), List.of())),
                List.of(), List.of());
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
            return new Explanation.Side(direction, subject, false, false, List.of(), List.of(), ConnectionSet.all());
        }
        WorkloadClass subjectClass = analysis.classOf(w.workload());
        SideProfile profile = subjectClass.profile(direction);
        Endpoint peer = direction == Direction.EGRESS ? destination : source;
        int peerClass = analysis.peerClassIndex(peer);
        long first = peer instanceof Endpoint.External e ? e.first() : 0;
        long last = peer instanceof Endpoint.External e ? e.last() : 0;
        WorkloadClass destinationClass = destination instanceof Endpoint.OfWorkload d ? analysis.classOf(d.workload()) : null;
        ConnectionSet allowed = ConnectivityAnalysis.side(subjectClass, direction, peerClass, first, last, destinationClass);
        if (profile == null) {
            return new Explanation.Side(direction, subject, true, false, List.of(), List.of(), allowed);
        }
        List<Explanation.LayerRuleCheck> adminChecks = new ArrayList<>();
        List<Explanation.LayerRuleCheck> baselineChecks = new ArrayList<>();
        List<Explanation.RuleCheck> checks = new ArrayList<>();
        for (int t = 0; t < profile.tiers.length; t++) {
            boolean beforeNetworkPolicies = profile.tiers[t].compareTo(Tier.NETWORK_POLICY) < 0;
            for (ClassRule rule : profile.rules[t]) {
                boolean matched = rule.matches(peerClass, first, last);
                ConnectionSet ports = rule.portsFor(destinationClass);
                if (rule.rule.policy() instanceof PolicyFact np) {
                    List<String> unresolved = rule.rule.ports().unresolved(ClassRule.portsOf(destinationClass)).stream()
                            .map(PortMatch.NamedPort::toString).toList();
                    PolicyRule written = np.rules(direction).get(rule.rule.ruleIndex());
                    Explanation.RuleRef ref = new Explanation.RuleRef(np, direction, written.index(), written.source());
                    checks.add(new Explanation.RuleCheck(ref, NetworkPolicyCompiler.describePeers(np, written), matched,
                            ports, unresolved));
                } else {
                    (beforeNetworkPolicies ? adminChecks : baselineChecks).add(new Explanation.LayerRuleCheck(
                            new Explanation.LayerRuleRef(rule.rule), matched, ports));
                }
            }
        }
        List<PolicyFact> isolating = profile.selecting.stream().filter(p -> p instanceof PolicyFact)
                .map(PolicyFact.class::cast).toList();
        return new Explanation.Side(direction, subject, true, profile.isolated(), isolating, checks, allowed,
                adminChecks, baselineChecks, profile.selecting);
    }

    /**
     * How one side decides an atom: an admin rule's Allow or Deny, else (after a Pass, or with no
     * admin rule matching) the NetworkPolicies when they isolate the subject, else the baseline's
     * first matching rule, else allowed.
     *
     * @param npRules    the NetworkPolicy rules that allow it
     * @param adminRules the admin rules that decided or passed it
     * @param npDenied   the isolating NetworkPolicies deny it (evidence is gathered per part)
     * @param evidence   what decided it (null when {@code npDenied})
     */
    private record Decision(boolean allowed, List<Explanation.RuleRef> npRules, List<Explanation.LayerRuleRef> adminRules,
                            boolean npDenied, Evidence evidence) {
    }

    private static Decision decide(Explanation.Side side, ConnectionSet atom) {
        Explanation.LayerRuleRef passedBy = null;
        for (Explanation.LayerRuleCheck c : side.adminRules()) {
            if (!c.peerMatched() || !c.ports().containsAll(atom)) {
                continue;
            }
            if (c.rule().actionKind() == Action.PASS) {
                passedBy = c.rule();
                break;
            }
            if (c.rule().actionKind() == Action.LOG) {
                continue;
            }
            boolean allow = c.rule().actionKind() == Action.ALLOW;
            return new Decision(allow, List.of(), List.of(c.rule()), false,
                    new Evidence.RuleDecides(side.direction(), Optional.empty(), c.rule()));
        }
        List<Explanation.LayerRuleRef> admin = passedBy == null ? List.of() : List.of(passedBy);
        Optional<Explanation.LayerRuleRef> passed = Optional.ofNullable(passedBy);
        if (side.isolated()) {
            List<Explanation.RuleRef> covering = covering(side, atom);
            if (covering.isEmpty()) {
                return new Decision(false, List.of(), admin, true, null);
            }
            return new Decision(true, covering, admin, false,
                    new Evidence.NetworkPolicyAllows(side.direction(), passed, covering));
        }
        for (Explanation.LayerRuleCheck c : side.baselineRules()) {
            if (c.peerMatched() && c.ports().containsAll(atom) && c.rule().actionKind().decides()) {
                boolean allow = c.rule().actionKind() == Action.ALLOW;
                List<Explanation.LayerRuleRef> refs = new ArrayList<>(admin);
                refs.add(c.rule());
                return new Decision(allow, List.of(), refs, false, new Evidence.RuleDecides(side.direction(), passed,
                        c.rule()));
            }
        }
        boolean anyAdmin = !side.adminRules().isEmpty() || !side.baselineRules().isEmpty();
        return new Decision(true, List.of(), admin, false, new Evidence.NoRuleDecides(side.direction(), passed, anyAdmin,
                side));
    }

    /** Cuts the port space into atoms on which every rule either covers all or nothing, then groups equal evidence. */
    private List<Explanation.Part> parts(Explanation.Side egress, Explanation.Side ingress) {
        List<ConnectionSet> atoms = refine(List.of(ConnectionSet.all()), focus);
        for (Explanation.Side side : List.of(egress, ingress)) {
            for (Explanation.RuleCheck check : side.rules()) {
                if (check.peerMatched()) {
                    atoms = refine(atoms, check.ports());
                }
            }
            for (List<Explanation.LayerRuleCheck> tier : List.of(side.adminRules(), side.baselineRules())) {
                for (Explanation.LayerRuleCheck check : tier) {
                    if (check.peerMatched()) {
                        atoms = refine(atoms, check.ports());
                    }
                }
            }
        }
        record Key(Decision egress, Decision ingress, boolean focused) {
        }
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
                reasons.add(key.egress().evidence());
                reasons.add(key.ingress().evidence());
            } else {
                for (Explanation.Side side : List.of(egress, ingress)) {
                    Decision d = side == egress ? key.egress() : key.ingress();
                    if (d.allowed()) {
                        continue;
                    }
                    deniedBy.add(side.direction());
                    if (d.npDenied()) {
                        d.adminRules().forEach(r -> reasons.add(new Evidence.PassedToNetworkPolicies(side.direction(), r)));
                        denyReasons(side, connections, side == egress ? ingress.subject() : egress.subject(), reasons);
                    } else {
                        reasons.add(d.evidence());
                    }
                }
            }
            List<Explanation.LayerRuleRef> admin = new ArrayList<>(key.egress().adminRules());
            admin.addAll(key.ingress().adminRules());
            parts.add(new Explanation.Part(connections, allowed, key.egress().npRules(), key.ingress().npRules(), deniedBy,
                    reasons, admin));
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
                out.add(new Explanation.Part(in, true, p.egressRules(), p.ingressRules(), p.deniedBy(), p.evidence(),
                        p.adminRules()));
            }
            notExposed = notExposed.union(p.connections().minus(exposed));
        }
        if (!notExposed.isEmpty()) {
            out.add(new Explanation.Part(notExposed, false, List.of(), List.of(), List.of(),
                    List.of(new Evidence.NotExposed(new Endpoint.OfWorkload(destination), exposed)), List.of()));
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

    private static List<Explanation.RuleRef> covering(Explanation.Side side, ConnectionSet atom) {
        return side.rules().stream().filter(c -> c.peerMatched() && c.ports().containsAll(atom))
                .map(Explanation.RuleCheck::rule).toList();
    }

    /** Why {@code side} denies {@code part}: its isolation, then rule by rule why none allows it. */
    private static void denyReasons(Explanation.Side side, ConnectionSet part, Endpoint peer, List<Evidence> out) {
        Endpoint destination = side.direction() == Direction.EGRESS ? peer : side.subject();
        out.add(new Evidence.IsolatedBy(side));
        for (PolicyFact policy : side.isolatingPolicies()) {
            boolean hasRules = side.rules().stream().anyMatch(c -> c.rule().policy() == policy);
            if (!hasRules) {
                out.add(new Evidence.PolicyHasNoRules(side.direction(), policy));
            }
        }
        for (Explanation.RuleCheck check : side.rules()) {
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

    /** The ports as written, and what they resolve to on the destination when that differs. */
    private static String describePorts(Explanation.RuleCheck check) {
        Explanation.RuleRef ref = check.rule();
        List<PolicyPort> written = ref.policy().rules(ref.direction()).get(ref.index()).ports();
        String text = written.stream().map(PolicyPort::toString).collect(Collectors.joining(", ", "[", "]"));
        boolean named = written.stream().anyMatch(p -> p.port().isNamed());
        return named ? text + " (on this destination: " + (check.ports().isEmpty() ? "none" : check.ports()) + ")" : text;
    }
}
