package io.netspec.engine.connectivity;

import static io.netspec.engine.connectivity.LoadedClusters.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The explanation folds the tiers itself (rule checks, first match, pass, tier ends) while the evaluator
 * folds class profiles: on random clusters of every layer kind (NetworkPolicy with ANP/BANP, Calico tiers
 * with Kubernetes NetworkPolicies, Cilium), the explanation's parts must say what the evaluator says,
 * pair by pair, part by part and side by side, and every denied side must carry the evidence that denied it.
 */
class ExplanationAgreementTest {

    @Property(tries = 120)
    void agreesWithTheEvaluatorOnNetworkPoliciesAndAdminTiers(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        List<String> problems = check(ConnectivityAnalysis.of(cluster), cluster, RandomClusters.PROBE_ADDRESSES);
        assertThat(problems).as("seed %d, cluster %s", seed, cluster).isEmpty();
    }

    @Property(tries = 120)
    void agreesWithTheEvaluatorOnCalicoTiers(@ForAll long seed) {
        String yaml = RandomCalicoClusters.cluster(new Random(seed));
        Cluster cluster = load(yaml);
        List<String> problems = check(ConnectivityAnalysis.of(cluster), cluster, "198.51.100.7", "203.0.113.9");
        assertThat(problems).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    @Property(tries = 120)
    void agreesWithTheEvaluatorOnCilium(@ForAll long seed) {
        String yaml = new RandomCiliumClusters(seed).next();
        Cluster cluster = load(yaml);
        List<String> problems = check(
                ConnectivityAnalysis.of(cluster, ConnectivityAnalysis.CILIUM_COMPILERS),
                cluster,
                RandomCiliumClusters.PROBE_ADDRESSES);
        assertThat(problems).as("seed %d:%n%s", seed, yaml).isEmpty();
    }

    /**
     * The check is not vacuous: on the Calico clusters of fixed seeds, explanations do end in tier defaults,
     * both Deny and Pass, each naming the policies that select the endpoint, and in pass rules.
     */
    @Test
    void calicoExplanationsUseTierDefaultsAndPasses() {
        Set<TierEnd> ends = EnumSet.noneOf(TierEnd.class);
        Set<String> kinds = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Cluster cluster = load(RandomCalicoClusters.cluster(new Random(seed)));
            ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
            for (Workload s : cluster.workloads()) {
                for (Workload d : cluster.workloads()) {
                    for (Explanation.Part p : analysis.explain(new Endpoint.OfWorkload(s), new Endpoint.OfWorkload(d))
                            .parts()) {
                        for (Evidence e : p.evidence()) {
                            kinds.add(e.kind());
                            if (e instanceof Evidence.TierDefault t) {
                                ends.add(t.tier().end());
                                assertThat(t.policies())
                                        .as("a tier default names the policies that select")
                                        .isNotEmpty();
                                assertThat(t.tier().name()).isNotIn("NetworkPolicy", "Admin", "Baseline");
                            }
                        }
                    }
                }
            }
        }
        assertThat(ends).containsExactlyInAnyOrder(TierEnd.DENY, TierEnd.PASS);
        assertThat(kinds)
                .contains("passed-to-next-tier", "rule-denies", "rule-allows", "tier-default", "no-rule-decides");
    }

    private static List<String> check(ConnectivityAnalysis analysis, Cluster cluster, String... addresses) {
        List<Endpoint> endpoints = new ArrayList<>();
        cluster.workloads().forEach(w -> endpoints.add(new Endpoint.OfWorkload(w)));
        for (String a : addresses) {
            long ip = Facts.parseIp(a);
            endpoints.add(new Endpoint.External(ip, ip));
        }
        List<String> problems = new ArrayList<>();
        for (Endpoint s : endpoints) {
            for (Endpoint d : endpoints) {
                if (s instanceof Endpoint.External && d instanceof Endpoint.External) {
                    continue;
                }
                Explanation e = analysis.explain(s, d);
                if (!e.allowed().equals(analysis.allowed(s, d))) {
                    problems.add(s.id() + " -> " + d.id() + ": verdict " + e.allowed() + ", evaluator "
                            + analysis.allowed(s, d));
                }
                agree(e, problems);
            }
        }
        return problems;
    }

    /** The parts (or pieces) of {@code e} say what its verdict and its sides say. */
    private static void agree(Explanation e, List<String> problems) {
        String pair = e.source().id() + " -> " + e.destination().id() + ": ";
        if (!e.pieces().isEmpty()) {
            ConnectionSet every = ConnectionSet.all();
            for (Explanation piece : e.pieces()) {
                every = every.intersect(piece.allowed());
                agree(piece, problems);
            }
            if (!every.equals(e.allowed())) {
                problems.add(pair + "pieces allow " + every + ", verdict " + e.allowed());
            }
            return;
        }
        ConnectionSet covered = ConnectionSet.none();
        ConnectionSet allowed = ConnectionSet.none();
        for (Explanation.Part p : e.parts()) {
            if (!covered.intersect(p.connections()).isEmpty()) {
                problems.add(pair + "parts overlap on " + covered.intersect(p.connections()));
            }
            covered = covered.union(p.connections());
            if (p.allowed()) {
                allowed = allowed.union(p.connections());
            }
            for (Explanation.Side side : List.of(e.egress(), e.ingress())) {
                boolean sideAllows = side.allowed().containsAll(p.connections());
                boolean sideDenies = side.allowed().intersect(p.connections()).isEmpty();
                boolean deniedHere = p.deniedBy().contains(side.direction());
                if (deniedHere ? !sideDenies : !sideAllows) {
                    problems.add(pair + p.connections() + " " + side.direction() + ": part says "
                            + (deniedHere ? "denied" : "allowed") + ", side allows " + side.allowed() + "\n"
                            + e.render());
                }
                if (deniedHere && !deniedBySomething(p, side.direction())) {
                    problems.add(
                            pair + p.connections() + " " + side.direction() + ": no deciding evidence\n" + e.render());
                }
            }
            if (p.allowed() != p.deniedBy().isEmpty()) {
                problems.add(pair + p.connections() + ": allowed " + p.allowed() + " but denied by " + p.deniedBy());
            }
        }
        if (!covered.isAll()) {
            problems.add(pair + "parts leave out " + covered.complement());
        }
        if (!allowed.equals(e.allowed())) {
            problems.add(pair + "allowed parts " + allowed + ", verdict " + e.allowed() + "\n" + e.render());
        }
    }

    private static boolean deniedBySomething(Explanation.Part p, Direction direction) {
        for (Evidence e : p.evidence()) {
            if (e instanceof Evidence.RuleDenies d && d.direction() == direction
                    || e instanceof Evidence.TierDefault t
                            && t.direction() == direction
                            && t.tier().end() == TierEnd.DENY) {
                return true;
            }
        }
        return false;
    }
}
