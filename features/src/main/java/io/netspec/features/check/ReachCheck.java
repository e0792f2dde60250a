package io.netspec.features.check;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.connectivity.layer.WithoutL7;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import io.netspec.features.SpecInputException;
import io.netspec.features.reference.PortSpec;
import io.netspec.features.reference.Resolved;
import io.netspec.features.reference.Target;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The connectivity expectations of a spec, decided by the connectivity engine and explained on
 * failure. Quantifiers: "can reach" holds when every source target reaches every destination target
 * (for {@code the internet}, some external address suffices on that side); "cannot reach" holds when
 * no pair connects. A failure is an {@link AssertionError} whose message states the expectation in
 * plain words, then the evidence per failing pair.
 *
 * <p>Rules that L7 conditions also decide (Cilium {@code toPorts.rules}, a Calico {@code http} match) allow or
 * deny request by request, which manifests cannot decide. A spec holds only whatever the requests are: "can
 * reach" needs the connection allowed without the L7-decided allows, "cannot reach" needs it denied without
 * the L7-decided denies; otherwise the step fails and says that L7 decides.
 */
public final class ReachCheck {

    private static final int MAX_PAIRS_SHOWN = 5;

    private final ConnectivityAnalysis analysis;
    /** The analysis without the L7 rules of an action ({@link WithoutL7}); asked only when some such rule exists. */
    private final Function<Action, ConnectivityAnalysis> views;

    /** With the L7 views computed on first use, for this check only. */
    public ReachCheck(ConnectivityAnalysis analysis) {
        this(analysis, memo(analysis));
    }

    /** {@code views}: the same cluster analysed without the L7 rules of an action (a caller may cache them). */
    public ReachCheck(ConnectivityAnalysis analysis, Function<Action, ConnectivityAnalysis> views) {
        this.analysis = analysis;
        this.views = views;
    }

    /** The cluster of {@code analysis} under the same plugin's compilers, each without its L7 rules of {@code dropped}. */
    public static ConnectivityAnalysis withoutL7(ConnectivityAnalysis analysis, Action dropped) {
        return ConnectivityAnalysis.of(
                analysis.cluster(),
                ConnectivityAnalysis.compilersFor(analysis.cluster()).stream()
                        .map(c -> (PolicyCompiler) new WithoutL7(c, dropped))
                        .toList());
    }

    private static Function<Action, ConnectivityAnalysis> memo(ConnectivityAnalysis analysis) {
        Map<Action, ConnectivityAnalysis> made = new EnumMap<>(Action.class);
        return dropped -> made.computeIfAbsent(dropped, d -> withoutL7(analysis, d));
    }

    /**
     * What {@code s} may send {@code d} whatever the requests: L7-decided allows count for nothing
     * ({@code proven}), or what some request may get through: L7-decided denies count for nothing.
     */
    private ConnectionSet view(Target s, Target d, Action dropped, ConnectionSet allowed) {
        return analysis.l7Actions().contains(dropped)
                ? views.apply(dropped).allowed(s.endpoint(), d.endpoint())
                : allowed;
    }

    /** A protocol and port, or range of ports ({@code ports 8000-8100}), a connection needs. */
    record Wanted(Protocol protocol, int port, int last) {
        Wanted(Protocol protocol, int port) {
            this(protocol, port, port);
        }

        ConnectionSet set() {
            return ConnectionSet.of(protocol, port, last);
        }

        /** Every port of it is in {@code allowed} (can reach). */
        boolean allIn(ConnectionSet allowed) {
            return port == last ? allowed.contains(protocol, port) : allowed.containsAll(set());
        }

        /** Some port of it is in {@code allowed} (cannot reach fails). */
        boolean anyIn(ConnectionSet allowed) {
            return port == last ? allowed.contains(protocol, port) : allowed.overlaps(set());
        }

        /** The first port of it that is ({@code in}) or is not in {@code allowed}, to explain; itself when none. */
        Wanted first(ConnectionSet allowed, boolean in) {
            ConnectionSet part = in ? set().intersect(allowed) : set().minus(allowed);
            return part.ranges(protocol).stream()
                    .findFirst()
                    .map(r -> new Wanted(protocol, r.from()))
                    .orElse(new Wanted(protocol, port));
        }

        /** The ports of it that are ({@code in}) or are not in {@code allowed}: all of a range need not be. */
        String part(ConnectionSet allowed, boolean in) {
            return port == last ? toString() : (in ? set().intersect(allowed) : set().minus(allowed)).toString();
        }

        @Override
        public String toString() {
            return protocol + " " + port + (last == port ? "" : "-" + last);
        }
    }

    /** One ordered pair's outcome: whether the expectation holds, and the evidence when it does not. */
    private record Pair(Target source, Target destination, boolean holds, List<String> evidence) {}

    public void assertCanReach(Resolved source, Resolved destination, Optional<PortSpec> port) {
        rejectExternalToExternal(source, destination);
        String expectation = "expected " + source.text() + " to reach " + destination.text()
                + port.map(p -> (p.isRange() ? " on ports " : " on port ") + p)
                        .orElse(destination.service().isPresent() ? " on its ports" : "");
        if (destination.targets().isEmpty()) {
            throw new AssertionError(expectation + ", but " + noPods(destination));
        }
        List<Pair> failing = new ArrayList<>();
        requireResolvablePortName(destination, port);
        if (source.anyOf()) {
            for (Target d : destination.targets()) {
                List<Pair> tried = source.targets().stream()
                        .map(s -> canReach(s, d, destination, port))
                        .toList();
                if (tried.stream().noneMatch(Pair::holds)) {
                    failing.add(tried.get(0));
                }
            }
        } else if (destination.anyOf()) {
            for (Target s : source.targets()) {
                List<Pair> tried = destination.targets().stream()
                        .map(d -> canReach(s, d, destination, port))
                        .toList();
                if (tried.stream().noneMatch(Pair::holds)) {
                    failing.add(tried.get(0));
                }
            }
        } else {
            for (Target s : source.targets()) {
                for (Target d : destination.targets()) {
                    Pair pair = canReach(s, d, destination, port);
                    if (!pair.holds()) {
                        failing.add(pair);
                    }
                }
            }
        }
        if (!failing.isEmpty()) {
            String quantifier = source.anyOf()
                    ? " (from no external address)"
                    : destination.anyOf() ? " (no external address is reachable)" : "";
            throw new AssertionError(report(expectation + ", but it cannot" + quantifier + ":", failing));
        }
    }

    public void assertCannotReach(Resolved source, Resolved destination, Optional<PortSpec> port) {
        rejectExternalToExternal(source, destination);
        String expectation = "expected " + source.text() + " not to reach " + destination.text()
                + port.map(p -> (p.isRange() ? " on ports " : " on port ") + p)
                        .orElse(destination.service().isPresent() ? " on any of its ports" : " on any port");
        requireResolvablePortName(destination, port);
        List<Pair> failing = new ArrayList<>();
        for (Target s : source.targets()) {
            for (Target d : destination.targets()) {
                Pair pair = cannotReach(s, d, destination, port);
                if (!pair.holds()) {
                    failing.add(pair);
                }
            }
        }
        if (!failing.isEmpty()) {
            throw new AssertionError(report(expectation + ", but it can:", failing));
        }
    }

    /** Every target workload is (or, with {@code expected} false, is not) isolated for the direction. */
    public void assertIsolated(Resolved subject, Direction direction, boolean expected) {
        String word = direction.wireName().toLowerCase(Locale.ROOT);
        List<String> evidence = new ArrayList<>();
        for (Target t : subject.targets()) {
            Workload w = t.workload()
                    .orElseThrow(() -> new SpecInputException(
                            "isolation is a property of pods; " + subject.text() + " is outside the cluster"));
            boolean isolated = analysis.isIsolated(w, direction);
            if (isolated != expected) {
                List<PolicyFact> policies = analysis.policiesSelecting(w, direction);
                evidence.add(
                        isolated
                                ? w.id() + " is isolated for " + word + " by "
                                        + policies.stream()
                                                .map(p -> p.id() + " (" + p.source() + ")")
                                                .collect(Collectors.joining(", "))
                                : w.id() + " is selected by no NetworkPolicy with policyTypes " + direction.wireName()
                                        + " in namespace " + w.namespace() + policiesInNamespace(w, direction));
                if (!isolated) {
                    evidence.addAll(PoliciesSelectingNothing.in(analysis, w.namespace()));
                }
            }
        }
        if (!evidence.isEmpty()) {
            String expectation = "expected " + subject.text() + (expected ? " to be" : " not to be") + " isolated for "
                    + word + ", but:";
            throw new AssertionError(
                    expectation + "\n" + evidence.stream().map(l -> "  " + l).collect(Collectors.joining("\n")));
        }
    }

    private String policiesInNamespace(Workload w, Direction direction) {
        List<PolicyFact> there = analysis.cluster().policiesIn(w.namespace()).stream()
                .filter(p -> p.isolates(direction))
                .toList();
        if (there.isEmpty()) {
            return "";
        }
        return "; the " + direction.wireName() + " policies there select other pods: "
                + there.stream()
                        .map(p -> p.id() + " podSelector " + p.podSelector() + " (" + p.source() + ")")
                        .collect(Collectors.joining(", "));
    }

    private Pair canReach(Target s, Target d, Resolved destination, Optional<PortSpec> port) {
        PortNeeds needs = PortNeeds.of(d, destination.service(), port);
        if (HostReach.involved(s, d)) {
            return hostPair(s, d, needs, true);
        }
        ConnectionSet allowed = analysis.allowed(s.endpoint(), d.endpoint());
        List<String> evidence = new ArrayList<>(needs.unresolved());
        if (needs.anyPort()) {
            if (allowed.isEmpty()) {
                evidence.add("no connection on any port or protocol");
                evidence.addAll(Evidence.all(analysis.explain(s.endpoint(), d.endpoint())));
                evidence.addAll(Evidence.labels(analysis.cluster(), s, d));
            } else if (view(s, d, Action.ALLOW, allowed).isEmpty()) {
                evidence.add("allowed at L3/L4 (" + allowed + ") only by rules with " + L7_REASON);
                evidence.addAll(Evidence.allowing(analysis.explain(s.endpoint(), d.endpoint())));
            }
        } else {
            List<Wanted> missing =
                    needs.ports().stream().filter(w -> !w.allIn(allowed)).toList();
            if (!missing.isEmpty()) {
                evidence.add("not allowed on "
                        + missing.stream().map(w -> w.part(allowed, false)).collect(Collectors.joining(", "))
                        + " (allowed: "
                        + allowed + ")");
                evidence.addAll(Evidence.forPort(
                        analysis.explain(
                                s.endpoint(), d.endpoint(), focus(missing.get(0).first(allowed, false))),
                        missing.get(0).first(allowed, false)));
                evidence.addAll(Evidence.labels(analysis.cluster(), s, d));
            } else {
                ConnectionSet proven = view(s, d, Action.ALLOW, allowed);
                List<Wanted> filtered =
                        needs.ports().stream().filter(w -> !w.allIn(proven)).toList();
                if (!filtered.isEmpty()) {
                    evidence.add("allowed at L3/L4 on "
                            + filtered.stream().map(Wanted::toString).collect(Collectors.joining(", "))
                            + " only by rules with " + L7_REASON);
                    evidence.addAll(Evidence.forPort(
                            analysis.explain(
                                    s.endpoint(),
                                    d.endpoint(),
                                    focus(filtered.get(0).first(proven, false))),
                            filtered.get(0).first(proven, false)));
                }
            }
        }
        return new Pair(s, d, evidence.isEmpty(), evidence);
    }

    /** Why a connection allowed at L3/L4 is not proven: its rule also filters requests at L7. */
    static final String L7_REASON = "L7 conditions (Cilium toPorts rules: http, dns, kafka; a Calico http match), "
            + "which netspec does not decide: whether a request passes depends on its content";

    private Pair cannotReach(Target s, Target d, Resolved destination, Optional<PortSpec> port) {
        PortNeeds needs = PortNeeds.of(d, destination.service(), port);
        if (HostReach.involved(s, d)) {
            return hostPair(s, d, needs, false);
        }
        ConnectionSet allowed = analysis.allowed(s.endpoint(), d.endpoint());
        List<String> evidence = new ArrayList<>();
        // a deny that L7 conditions decide denies only the requests it matches: the others may get through
        ConnectionSet possible = view(s, d, Action.DENY, allowed).union(allowed);
        if (needs.anyPort()) {
            if (!allowed.isEmpty()) {
                evidence.add("allowed: " + allowed);
                evidence.addAll(Evidence.allowing(analysis.explain(s.endpoint(), d.endpoint())));
                evidence.addAll(PoliciesSelectingNothing.near(analysis, s, d));
            } else if (!possible.isEmpty()) {
                evidence.add("denied at L3/L4 only by rules with " + L7_REASON + "; requests they do not match are "
                        + "allowed (" + possible + ")");
            }
        } else {
            List<Wanted> reached =
                    needs.ports().stream().filter(w -> w.anyIn(allowed)).toList();
            List<Wanted> maybe =
                    needs.ports().stream().filter(w -> w.anyIn(possible)).toList();
            if (!reached.isEmpty()) {
                evidence.add("allowed on "
                        + reached.stream().map(w -> w.part(allowed, true)).collect(Collectors.joining(", ")));
                evidence.addAll(Evidence.forPort(
                        analysis.explain(
                                s.endpoint(), d.endpoint(), focus(reached.get(0).first(allowed, true))),
                        reached.get(0).first(allowed, true)));
                evidence.addAll(PoliciesSelectingNothing.near(analysis, s, d));
            } else if (!maybe.isEmpty()) {
                evidence.add("denied on " + maybe.stream().map(Wanted::toString).collect(Collectors.joining(", "))
                        + " only by rules with " + L7_REASON + "; requests they do not match are allowed");
                evidence.addAll(Evidence.forPort(
                        analysis.explain(
                                s.endpoint(), d.endpoint(), focus(maybe.get(0).first(possible, true))),
                        maybe.get(0).first(possible, true)));
            }
        }
        return new Pair(s, d, evidence.isEmpty(), evidence);
    }

    /** A pair with {@code the host} at one end ({@link HostReach}): can reach ({@code reach}) or cannot. */
    private Pair hostPair(Target s, Target d, PortNeeds needs, boolean reach) {
        HostReach.Verdict verdict = new HostReach(analysis).between(s, d);
        if (verdict instanceof HostReach.Undecided u) {
            return new Pair(s, d, false, List.of("not decided from the manifests: " + u.reason()));
        }
        HostReach.Decided decided = (HostReach.Decided) verdict;
        ConnectionSet allowed = decided.allowed();
        List<String> evidence = new ArrayList<>(needs.unresolved());
        if (needs.anyPort()) {
            if (reach == allowed.isEmpty()) {
                evidence.add(reach ? "no connection on any port or protocol" : "allowed: " + allowed);
            }
        } else {
            List<Wanted> wrong = needs.ports().stream()
                    .filter(w -> reach ? !w.allIn(allowed) : w.anyIn(allowed))
                    .toList();
            if (!wrong.isEmpty()) {
                evidence.add((reach ? "not allowed on " : "allowed on ")
                        + wrong.stream().map(Wanted::toString).collect(Collectors.joining(", "))
                        + (reach ? " (allowed: " + allowed + ")" : ""));
            }
        }
        if (!evidence.isEmpty()) {
            evidence.add(decided.why());
        }
        return new Pair(s, d, evidence.isEmpty(), evidence);
    }

    /** A port name no destination declares is a mistake in the spec, not a finding about the cluster. */
    private static void requireResolvablePortName(Resolved destination, Optional<PortSpec> port) {
        if (port.isEmpty() || !port.get().isNamed() || destination.service().isPresent()) {
            return;
        }
        List<Workload> workloads = destination.targets().stream()
                .flatMap(t -> t.workload().stream())
                .toList();
        boolean declared = workloads.stream()
                .anyMatch(w -> w.ports().stream()
                        .anyMatch(c -> c.name().equals(port.get().name())
                                && port.get()
                                        .protocol()
                                        .map(p -> p == c.protocol())
                                        .orElse(true)));
        if (!declared && !workloads.isEmpty()) {
            throw new SpecInputException("no port named " + port.get() + " on " + destination.text() + " (ports of "
                    + workloads.get(0).id() + ": "
                    + PortNeeds.describe(workloads.get(0).ports()) + ")");
        }
    }

    private static void rejectExternalToExternal(Resolved source, Resolved destination) {
        boolean sourceExternal =
                source.targets().stream().allMatch(t -> t.workload().isEmpty())
                        && !source.targets().isEmpty();
        boolean destinationExternal =
                destination.targets().stream().allMatch(t -> t.workload().isEmpty())
                        && !destination.targets().isEmpty();
        if (sourceExternal && destinationExternal) {
            throw new SpecInputException("connections between addresses outside the cluster are not analysed: "
                    + source.text() + " to " + destination.text());
        }
    }

    private static String report(String headline, List<Pair> failing) {
        StringBuilder sb = new StringBuilder(headline);
        for (Pair pair : failing.subList(0, Math.min(MAX_PAIRS_SHOWN, failing.size()))) {
            sb.append("\n  ")
                    .append(pair.source())
                    .append(" -> ")
                    .append(pair.destination())
                    .append(":");
            pair.evidence().forEach(line -> sb.append("\n    ").append(line));
        }
        if (failing.size() > MAX_PAIRS_SHOWN) {
            sb.append("\n  ... and ").append(failing.size() - MAX_PAIRS_SHOWN).append(" more pairs");
        }
        return sb.toString();
    }

    private static String noPods(Resolved destination) {
        return destination
                .service()
                .map(s -> s.id() + " selects no pods (selector "
                        + s.selector().map(Object::toString).orElse("none") + ")")
                .orElse(destination.text() + " is empty");
    }

    /** The explanation keeps the asked port in a part of its own, so a denial names it. */
    private static ConnectionSet focus(Wanted wanted) {
        return ConnectionSet.of(wanted.protocol(), PortRange.single(wanted.port()));
    }
}
