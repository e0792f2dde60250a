package io.netspec.engine.connectivity;

import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds an {@link Explanation} from the analysis' compiled rules for one pair of endpoints. */
final class ExplanationBuilder {

    private final ConnectivityAnalysis analysis;

    ExplanationBuilder(ConnectivityAnalysis analysis) {
        this.analysis = analysis;
    }

    Explanation explain(Endpoint source, Endpoint destination) {
        ConnectionSet verdict = analysis.allowed(source, destination);
        if (source instanceof Endpoint.External && destination instanceof Endpoint.External) {
            return new Explanation(source, destination, verdict, null, null,
                    List.of(new Explanation.Part(ConnectionSet.all(), false, List.of(), List.of(), List.of(),
                            List.of("both endpoints are outside the cluster: NetworkPolicies do not govern this traffic"))),
                    List.of(), List.of());
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
        return new Explanation(source, destination, verdict, egress, ingress, parts(egress, ingress),
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
        Profile profile = subjectClass.profile(direction);
        if (profile == null) {
            return new Explanation.Side(direction, subject, true, false, List.of(), List.of(), ConnectionSet.all());
        }
        Endpoint peer = direction == Direction.EGRESS ? destination : source;
        WorkloadClass destinationClass = destination instanceof Endpoint.OfWorkload d ? analysis.classOf(d.workload()) : null;
        List<Explanation.RuleCheck> checks = new ArrayList<>();
        ConnectionSet allowed = ConnectionSet.none();
        for (CompiledRule rule : profile.rules) {
            boolean matched = peer instanceof Endpoint.OfWorkload p ? rule.matchesClass(analysis.classOf(p.workload()).index)
                    : rule.matchesAddresses(((Endpoint.External) peer).first(), ((Endpoint.External) peer).last());
            ConnectionSet ports = rule.portsFor(destinationClass);
            List<String> unresolved = new ArrayList<>();
            for (PolicyPort named : rule.namedPortEntries()) {
                if (CompiledRule.namedPorts(named, destinationClass).isEmpty()) {
                    unresolved.add(named.port().name() + "/" + named.protocol());
                }
            }
            Explanation.RuleRef ref = new Explanation.RuleRef(rule.policy, direction, rule.rule.index(), rule.rule.source());
            checks.add(new Explanation.RuleCheck(ref, describePeers(rule), matched, ports, unresolved));
            if (matched) {
                allowed = allowed.union(ports);
            }
        }
        return new Explanation.Side(direction, subject, true, true, profile.policies, checks, allowed);
    }

    private static String describePeers(CompiledRule rule) {
        if (rule.allPeers) {
            return "all peers";
        }
        return rule.rule.peers().stream().map(PolicyPeer::toString).map(p -> p.isEmpty() ? "pods <all>" : p)
                .collect(Collectors.joining("; ", "[", "]"));
    }

    /** Cuts the port space into atoms on which every rule either allows all or nothing, then groups equal evidence. */
    private List<Explanation.Part> parts(Explanation.Side egress, Explanation.Side ingress) {
        List<ConnectionSet> atoms = new ArrayList<>(List.of(ConnectionSet.all()));
        for (Explanation.Side side : List.of(egress, ingress)) {
            for (Explanation.RuleCheck check : side.rules()) {
                if (check.peerMatched()) {
                    atoms = refine(atoms, check.ports());
                }
            }
        }
        record Key(boolean allowed, List<Explanation.RuleRef> egress, List<Explanation.RuleRef> ingress) {
        }
        Map<Key, ConnectionSet> grouped = new LinkedHashMap<>();
        for (ConnectionSet atom : atoms) {
            List<Explanation.RuleRef> e = covering(egress, atom);
            List<Explanation.RuleRef> i = covering(ingress, atom);
            boolean ok = (!egress.isolated() || !e.isEmpty()) && (!ingress.isolated() || !i.isEmpty());
            grouped.merge(new Key(ok, e, i), atom, ConnectionSet::union);
        }
        List<Explanation.Part> parts = new ArrayList<>();
        grouped.forEach((key, connections) -> {
            List<Direction> deniedBy = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            if (key.allowed()) {
                reasons.add(allowReason(egress, key.egress()));
                reasons.add(allowReason(ingress, key.ingress()));
            } else {
                for (Explanation.Side side : List.of(egress, ingress)) {
                    List<Explanation.RuleRef> covering = side == egress ? key.egress() : key.ingress();
                    if (side.isolated() && covering.isEmpty()) {
                        deniedBy.add(side.direction());
                        denyReasons(side, connections, side == egress ? ingress.subject() : egress.subject(), reasons);
                    }
                }
            }
            parts.add(new Explanation.Part(connections, key.allowed(), key.egress(), key.ingress(), deniedBy, reasons));
        });
        parts.sort((a, b) -> a.allowed() != b.allowed() ? (a.allowed() ? -1 : 1) : 0);
        return parts;
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

    private static String allowReason(Explanation.Side side, List<Explanation.RuleRef> rules) {
        String dir = side.direction().wireName().toLowerCase(Locale.ROOT);
        if (!side.isolated()) {
            return dir + ": " + side.summary();
        }
        return dir + ": allowed by " + rules.stream().map(Explanation.RuleRef::toString).collect(Collectors.joining(", "));
    }

    /** Why {@code side} denies {@code part}: its isolation, then rule by rule why none allows it. */
    private static void denyReasons(Explanation.Side side, ConnectionSet part, Endpoint peer, List<String> out) {
        String dir = side.direction().wireName().toLowerCase(Locale.ROOT);
        Endpoint destination = side.direction() == Direction.EGRESS ? peer : side.subject();
        out.add(dir + ": " + side.summary());
        for (PolicyFact policy : side.isolatingPolicies()) {
            boolean hasRules = side.rules().stream().anyMatch(c -> c.rule().policy() == policy);
            if (!hasRules) {
                out.add("  " + policy.namespace() + "/" + policy.name() + " (" + policy.source() + ") has no " + dir
                        + " rules: it allows no " + dir + " traffic");
            }
        }
        for (Explanation.RuleCheck check : side.rules()) {
            String prefix = "  " + check.rule() + ": ";
            if (!check.peerMatched()) {
                out.add(prefix + "peers " + check.peers() + " do not match " + peer.id());
                continue;
            }
            String listed = describePorts(check);
            out.add(prefix + "ports " + listed + " do not include " + part);
            for (String unresolved : check.unresolvedNamedPorts()) {
                out.add("    named port " + unresolved + " is not a container port of " + destination.id());
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
