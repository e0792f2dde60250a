package io.netspec.engine.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.RandomLayerClusters;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.Isolation;
import io.netspec.engine.rules.facts.Selects;
import io.netspec.engine.rules.packs.Pack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

/**
 * Sessions given only the facts their rules read ({@link FactTypes}) find what they find given every fact: two rule
 * bases compiled from DRL that read facts in every way a pattern can (a record, an interface, accumulate, exists,
 * not), on random clusters with every policy layer and on the examples.
 */
class FactTypesTest {

    private static final String HEADER = """
            import io.netspec.engine.model.*;
            import io.netspec.engine.model.calico.*;
            import io.netspec.engine.rules.facts.*;
            import function io.netspec.engine.rules.Report.report;
            """;

    /** Rules about policies: an interface, a record, an accumulate over a derived fact. */
    private static final String POLICIES = "package io.netspec.rules.factspolicies;\n" + HEADER + """
            rule "policy-object"
                @id("policy-object") @severity("info") @title("Policy") @remediation("None.")
            when
                $p : PolicyObject()
            then
                report(drools, $p, "{p} is a policy", "p", $p.policyId());
            end

            rule "selects-for-ingress"
                @id("selects-for-ingress") @severity("info") @title("Selects") @remediation("None.")
            when
                $p : PolicyFact()
                $n : Number(intValue > 0) from accumulate(Selects(policy == $p, direction == Direction.INGRESS), count(1))
            then
                report(drools, $p, "{p} selects {n} workload(s) for ingress", "p", $p.policyId(), "n", $n);
            end

            rule "calico-policy"
                @id("calico-policy") @severity("info") @title("Calico") @remediation("None.")
            when
                $p : CalicoPolicyFact()
            then
                report(drools, $p, "{p} is a Calico policy", "p", $p.policyId());
            end
            """;

    /** Rules about workloads and services: exists, not, accumulate over a model fact, an alpha constraint. */
    private static final String WORKLOADS = "package io.netspec.rules.factsworkloads;\n" + HEADER + """
            rule "egress-isolated"
                @id("egress-isolated") @severity("info") @title("Isolated") @remediation("None.")
            when
                $i : Isolation(direction == Direction.EGRESS, isolated)
            then
                report(drools, $i.workload(), "{w} is isolated for egress", "w", $i.workload().id());
            end

            rule "backs-a-service"
                @id("backs-a-service") @severity("info") @title("Backs") @remediation("None.")
            when
                $w : Workload()
                exists Backs(workload == $w)
            then
                report(drools, $w, "{w} backs a service", "w", $w.id());
            end

            rule "service-without-host-network-endpoints"
                @id("service-without-host-network-endpoints") @severity("info") @title("Endpoints")
                @remediation("None.")
            when
                $s : ServiceFact()
                not ServiceSelects(service == $s, workload.hostNetwork)
            then
                report(drools, $s, "{s} selects no host-network workload", "s", $s.name());
            end

            rule "namespace-workloads"
                @id("namespace-workloads") @severity("info") @title("Namespace") @remediation("None.")
            when
                $ns : NamespaceFact()
                $n : Number() from accumulate(Workload(namespace == $ns.name), count(1))
            then
                report(drools, $ns, "namespace {ns} holds {n} workload(s)", "ns", $ns.name(), "n", $n);
            end
            """;

    private static List<Pack> packs;
    private static List<KieBase> bases;

    @BeforeAll
    static void compile() throws Exception {
        packs = List.of(pack("fact-policies", POLICIES), pack("fact-workloads", WORKLOADS));
        bases = new ArrayList<>();
        for (Pack pack : packs) {
            bases.add(RuleEngine.compileDrl(List.of(pack)));
        }
    }

    @Test
    void eachBaseReadsTheTypesOfItsPatternsOnly() {
        FactTypes policies = FactTypes.of(bases.get(0));
        FactTypes workloads = FactTypes.of(bases.get(1));
        assertThat(policies.names()).contains(PolicyFact.class.getName(), Selects.class.getName());
        assertThat(workloads.names())
                .contains(Workload.class.getName(), Isolation.class.getName(), Backs.class.getName())
                .doesNotContain(PolicyFact.class.getName(), Selects.class.getName());
        assertThat(policies.reads(new Object())).isFalse();
        assertThat(workloads.reads(new Object())).isFalse();
    }

    @Test
    void aPatternOfTypeObjectReadsEveryFact() throws Exception {
        String drl = "package io.netspec.rules.factsobject;\n" + HEADER + """
                rule "anything"
                    @internal
                when
                    Object()
                then
                end
                """;
        FactTypes every = FactTypes.of(RuleEngine.compileDrl(List.of(pack("fact-object", drl))));
        assertThat(every.reads(new Object())).isTrue();
        assertThat(every.reads("a string")).isTrue();
    }

    @Test
    void sessionsGivenOnlyTheFactsTheirRulesReadFindWhatTheyFindGivenEveryFact() throws Exception {
        RuleEngine filtered = RuleEngine.of(bases, packs, true);
        RuleEngine everyFact = RuleEngine.of(bases, packs, false);
        List<Cluster> clusters = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            clusters.add(RandomLayerClusters.cilium(seed));
            clusters.add(RandomLayerClusters.calico(seed));
        }
        for (String example : List.of("shop", "calico", "cilium")) {
            LoadResult loaded = new ManifestLoader().load(List.of(Path.of("../examples", example)));
            assertThat(loaded.errors()).as(example).isEmpty();
            clusters.add(loaded.cluster());
        }
        Set<String> fired = new HashSet<>();
        for (Cluster cluster : clusters) {
            List<Finding> expected = everyFact.run(cluster);
            assertThat(filtered.run(cluster)).containsExactlyElementsOf(expected);
            expected.forEach(f -> fired.add(f.ruleId()));
        }
        // every rule found something somewhere: none is compared on empty results only
        assertThat(fired)
                .containsExactlyInAnyOrderElementsOf(
                        everyFact.rules().stream().map(r -> r.id()).toList());
        assertThat(FactTypes.of(bases.get(0)).names()).contains(CalicoPolicyFact.class.getName());
    }

    private static Pack pack(String name, String drl) {
        return new Pack(
                name, "1.0.0", "", "test:" + name, List.of(new Pack.DrlFile(name + ".drl", drl)), Optional.empty());
    }
}
