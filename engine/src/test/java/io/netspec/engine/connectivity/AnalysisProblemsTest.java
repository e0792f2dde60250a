package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netspec.engine.connectivity.AnalysisProblem.Severity;
import io.netspec.engine.connectivity.AnalysisProblem.UndecidedPeer;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Analysis problems tied to their policies, and their stderr form: grouped, counted, never dropped without a pointer. */
class AnalysisProblemsTest {

    private record Policy(String kind, String namespace, String name, SourceRef source) implements PolicyObject {}

    private static final String WHERE = "see the report";

    private static AnalysisProblem undecided(PolicyObject policy, int line, int workloads) {
        return new AnalysisProblem(
                Severity.WARNING,
                new SourceRef(policy.source().file(), line),
                "peer ipBlock 10.0.0.0/8 cannot be decided",
                Optional.of(policy),
                Optional.of(new UndecidedPeer("ipBlock 10.0.0.0/8", workloads)));
    }

    private static AnalysisProblem warning(String file, int line) {
        return new AnalysisProblem(Severity.WARNING, new SourceRef(file, line), "rule " + line + " is left out");
    }

    /** A warning in a policy whose document starts {@code line / 2} lines in: two warnings a policy. */
    private static AnalysisProblem inPolicyOfTwo(String file, int line) {
        return warning(file, line).in(new Policy("NetworkPolicy", "shop", "p" + line / 2, new SourceRef(file, line)));
    }

    @Test
    void fewUndecidablePeersAreShownOneALine() {
        Policy a = new Policy("NetworkPolicy", "shop", "a", new SourceRef("a.yaml", 1));
        List<AnalysisProblem> problems = List.of(undecided(a, 5, 2), undecided(a, 6, 2), undecided(a, 7, 2));
        assertThat(AnalysisProblems.grouped(problems, WHERE))
                .containsExactly(
                        "a.yaml:5: warning: peer ipBlock 10.0.0.0/8 cannot be decided",
                        "a.yaml:6: warning: peer ipBlock 10.0.0.0/8 cannot be decided",
                        "a.yaml:7: warning: peer ipBlock 10.0.0.0/8 cannot be decided");
    }

    @Test
    void manyUndecidablePeersAreOneLineCountingPeersAndPoliciesWithTheFirstLocations() {
        Policy a = new Policy("NetworkPolicy", "shop", "a", new SourceRef("a.yaml", 1));
        Policy b = new Policy("GlobalNetworkPolicy", "", "b", new SourceRef("b.yaml", 1));
        Policy c = new Policy("NetworkPolicy", "shop", "c", new SourceRef("b.yaml", 20));
        AnalysisProblem error = new AnalysisProblem(Severity.ERROR, new SourceRef("c.yaml", 3), "two priorities");
        List<AnalysisProblem> problems = List.of(
                undecided(a, 5, 40),
                undecided(a, 9, 40),
                error,
                undecided(b, 4, 12),
                undecided(c, 25, 7),
                warning("d.yaml", 8),
                undecided(c, 27, 7));
        assertThat(AnalysisProblems.grouped(problems, WHERE))
                .containsExactly(
                        "c.yaml:3: error: two priorities",
                        "d.yaml:8: warning: rule 8 is left out",
                        "a.yaml:5: warning: 5 peers in 3 policies cannot be decided for up to 40 workloads whose pod IPs"
                                + " or Node the input does not carry: they are treated as not matching (at a.yaml:5,"
                                + " a.yaml:9, b.yaml:4, ...; see the report)");
    }

    @Test
    void warningsPastTheFirstTenAreOneLineErrorsNever() {
        List<AnalysisProblem> problems = new ArrayList<>();
        for (int line = 1; line <= 13; line++) {
            problems.add(inPolicyOfTwo("w.yaml", line));
        }
        for (int line = 1; line <= 12; line++) {
            problems.add(new AnalysisProblem(Severity.ERROR, new SourceRef("e.yaml", line), "error " + line));
        }
        List<String> lines = AnalysisProblems.grouped(problems, WHERE);
        assertThat(lines).hasSize(12 + 10 + 1);
        assertThat(lines.stream().filter(l -> l.contains(": error: "))).hasSize(12);
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("w.yaml:11: warning: 3 more warnings in 2 policies (at w.yaml:11, w.yaml:12,"
                        + " w.yaml:13; see the report)");
    }

    @Test
    void eachProblemOfTheAnalysisNamesThePolicyItIsWrittenIn() {
        String manifests = """
                apiVersion: v1
                kind: Pod
                metadata: {name: api, namespace: shop, labels: {app: api}}
                spec: {containers: [{name: api, image: api}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: first, namespace: shop}
                spec:
                  selector: app == 'api'
                  ingress:
                    - action: Allow
                      protocol: TCP
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: second, namespace: shop}
                spec:
                  selector: app == 'api'
                  ingress:
                    - action: Allow
                      protocol: TCP
                      source: {ports: [1024]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: office, namespace: shop}
                spec:
                  podSelector: {}
                  ingress:
                    - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
                """;
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CALICO))
                .loadString(manifests, "p.yaml");
        assertThat(r.errors()).isEmpty();
        List<AnalysisProblem> problems = ConnectivityAnalysis.of(r.cluster()).problems();
        assertThat(problems)
                .extracting(
                        p -> p.source().line(),
                        p -> p.policy().map(PolicyObject::name).orElse("?"),
                        p -> p.undecided().isPresent())
                .containsExactlyInAnyOrder(tuple(21, "second", false), tuple(31, "office", true));
    }

    @Test
    void aRuleWithL7RulesIsOneWarningHoweverManyPortsItSplitsInto() {
        String manifests = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: web, image: web}]}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - fromEndpoints: [{matchLabels: {app: client}}]
                      toPorts:
                        - ports: [{port: "80", protocol: TCP}]
                          rules: {http: [{method: GET}]}
                        - ports: [{port: "8080", protocol: TCP}]
                          rules: {http: [{method: GET, path: /health}]}
                    - fromEndpoints: [{matchLabels: {app: probe}}]
                      toPorts:
                        - ports: [{port: "9090", protocol: TCP}]
                """;
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CILIUM))
                .loadString(manifests, "c.yaml");
        assertThat(r.errors()).isEmpty();
        assertThat(ConnectivityAnalysis.of(r.cluster()).problems())
                .extracting(AnalysisProblem::toString)
                .containsExactly("c.yaml:12: warning: shop/web[CiliumNetworkPolicy] ingress rule 1 has http rules,"
                        + " which netspec does not decide: connectivity counts the rule allowing every request on its"
                        + " ports, and specs do not take it as proof");
    }
}
