package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.AnalysisProblem.Severity;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The analysis problems of a cluster as a person reads them: each tied to the policy it is written in, and shown
 * on stderr without flooding it. A Calico cluster whose manifests carry no pod IPs has one undecidable-peer warning
 * per ipBlock peer (920 at the generated L cluster, about 10,000 at XXL); the report lists each (the segmentation
 * rule {@code approximated-policy}), stderr says how many and where the first are.
 */
public final class AnalysisProblems {

    /** Up to this many undecidable peers are shown one a line; more are one line. */
    static final int UNDECIDED_SHOWN = 3;

    /** Up to this many other warnings are shown one a line; the rest are one line. Errors are always shown. */
    static final int WARNINGS_SHOWN = 10;

    /** Locations a grouped line names before {@code ...}. */
    static final int LOCATIONS_SHOWN = 3;

    private AnalysisProblems() {}

    /**
     * The problems, each tied to the policy whose manifest holds its line when it names none: the policy of the same
     * file that starts last at or before that line (a policy's document holds all its lines). A problem outside every
     * policy stays as it is.
     */
    static List<AnalysisProblem> inPolicies(List<AnalysisProblem> problems, Cluster cluster) {
        if (problems.stream().allMatch(p -> p.policy().isPresent())) {
            return problems;
        }
        Map<String, List<PolicyObject>> byFile = new HashMap<>();
        for (ObjectKind<?> kind : cluster.kinds().all()) {
            for (Object fact : cluster.facts(kind)) {
                if (fact instanceof PolicyObject p) {
                    byFile.computeIfAbsent(p.source().file(), f -> new ArrayList<>())
                            .add(p);
                }
            }
        }
        byFile.values()
                .forEach(l -> l.sort(Comparator.comparingInt(p -> p.source().line())));
        List<AnalysisProblem> out = new ArrayList<>(problems.size());
        for (AnalysisProblem p : problems) {
            out.add(
                    p.policy().isPresent()
                            ? p
                            : written(p.source(), byFile).map(p::in).orElse(p));
        }
        return out;
    }

    /**
     * One warning per policy rule whose L7 rules (Cilium {@code toPorts.rules}, a Calico {@code http} match) also
     * decide what it covers: the evaluator counts it over its whole L3/L4 reach, for every request. The compilers
     * split a rule by port and peer; it is said once per rule.
     */
    static List<AnalysisProblem> l7(LayerModel model) {
        Map<List<Object>, AnalysisProblem> out = new LinkedHashMap<>();
        for (LayerRule r : model.rules()) {
            if (r.l7().isEmpty()) {
                continue;
            }
            String l7 = r.l7().get();
            out.computeIfAbsent(
                    List.of(r.policy().policyId(), r.source().file(), r.direction(), r.ruleIndex(), l7),
                    k -> new AnalysisProblem(
                            Severity.WARNING,
                            r.source(),
                            r.policy().policyId() + " "
                                    + r.direction().wireName().toLowerCase(Locale.ROOT) + " rule "
                                    + (r.ruleIndex() + 1) + " has " + l7
                                    + " rules, which netspec does not decide: connectivity"
                                    + " counts the rule " + (r.action() == Action.DENY ? "denying" : "allowing")
                                    + " every request on its ports, and specs do not take it as proof",
                            Optional.of(r.policy()),
                            Optional.empty()));
        }
        return List.copyOf(out.values());
    }

    private static Optional<PolicyObject> written(SourceRef at, Map<String, List<PolicyObject>> byFile) {
        PolicyObject found = null;
        for (PolicyObject p : byFile.getOrDefault(at.file(), List.of())) {
            if (p.source().line() > at.line()) {
                break;
            }
            found = p;
        }
        return Optional.ofNullable(found);
    }

    /**
     * The lines to show on stderr, compiler style: every error; the warnings one a line while they are few; more
     * undecidable peers than {@value #UNDECIDED_SHOWN} as one line (how many peers in how many policies, the first
     * locations), more other warnings than {@value #WARNINGS_SHOWN} as those and one line for the rest. A grouped line
     * ends with {@code whereListed}: where every one of them is listed.
     */
    public static List<String> grouped(List<AnalysisProblem> problems, String whereListed) {
        List<String> out = new ArrayList<>();
        List<AnalysisProblem> undecided = new ArrayList<>();
        List<AnalysisProblem> warnings = new ArrayList<>();
        for (AnalysisProblem p : problems) {
            if (p.isError()) {
                out.add(p.toString());
            } else if (p.undecided().isPresent()) {
                undecided.add(p);
            } else {
                warnings.add(p);
            }
        }
        if (warnings.size() <= WARNINGS_SHOWN) {
            warnings.forEach(p -> out.add(p.toString()));
        } else {
            warnings.subList(0, WARNINGS_SHOWN).forEach(p -> out.add(p.toString()));
            List<AnalysisProblem> rest = warnings.subList(WARNINGS_SHOWN, warnings.size());
            out.add(rest.get(0).source() + ": warning: " + rest.size() + " more warnings in "
                    + count(policies(rest), "policy", "policies") + " " + locations(rest, whereListed));
        }
        if (undecided.size() <= UNDECIDED_SHOWN) {
            undecided.forEach(p -> out.add(p.toString()));
        } else {
            int most = undecided.stream()
                    .mapToInt(p -> p.undecided().orElseThrow().workloads())
                    .max()
                    .orElse(0);
            out.add(undecided.get(0).source() + ": warning: " + count(undecided.size(), "peer", "peers") + " in "
                    + count(policies(undecided), "policy", "policies") + " cannot be decided for up to "
                    + count(most, "workload", "workloads") + " whose pod IPs or Node the input does not carry:"
                    + " they are treated as not matching"
                    + (undecided.stream()
                                    .anyMatch(p -> p.undecided().orElseThrow().podRangesUnknown())
                            ? "; the cluster's pod ranges (podCIDRs: in .netspec.yaml, or --pod-cidr) decide"
                                    + " those of pods without an IP"
                            : "")
                    + (undecided.stream()
                                    .anyMatch(p -> p.undecided().orElseThrow().hostNetwork())
                            ? "; " + ConnectivityAnalysis.NODE_RANGES_HINT + " decide those of host-network pods"
                            : "")
                    + " "
                    + locations(undecided, whereListed));
        }
        return out;
    }

    /** {@code (at a.yaml:3, a.yaml:9, b.yaml:4, ...; whereListed)}. */
    private static String locations(List<AnalysisProblem> problems, String whereListed) {
        List<String> first = problems.stream()
                .limit(LOCATIONS_SHOWN)
                .map(p -> p.source().toString())
                .toList();
        return "(at " + String.join(", ", first) + (problems.size() > LOCATIONS_SHOWN ? ", ..." : "") + "; "
                + whereListed + ")";
    }

    /** Distinct policies, a problem outside every policy counting as its own. */
    private static int policies(List<AnalysisProblem> problems) {
        Set<Object> seen = new LinkedHashSet<>();
        for (AnalysisProblem p : problems) {
            seen.add(p.policy().<Object>map(PolicyObject::policyId).orElse(p.source()));
        }
        return seen.size();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
