package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.Datastores;
import io.netspec.engine.rules.Describe;
import io.netspec.engine.rules.PolicyShapes;
import io.netspec.engine.rules.RuleParams;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge cases of the functions the built-in packs call, beyond what the fixtures show. */
class PackFunctionsTest {

    private static Cluster load(String yaml) {
        var result = new ManifestLoader().loadString(yaml, "test.yaml");
        assertThat(result.errors()).isEmpty();
        return result.cluster();
    }

    private static List<PolicyRule> egress(String rules) {
        Cluster c = load("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                """ + rules);
        return c.policies().get(0).egress();
    }

    @Test
    void metadataAddressIsReachedOnlyThroughTcp80() {
        String metadata = "169.254.169.254";
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - ports: [{port: 1, endPort: 1024}]\n").get(0), metadata, 80))
                .as("a range covering 80")
                .isTrue();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - ports: [{port: 80, protocol: UDP}]\n").get(0), metadata, 80))
                .as("UDP only")
                .isFalse();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - ports: [{port: http}]\n").get(0), metadata, 80))
                .as("a named port never resolves outside the cluster")
                .isFalse();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - ports: [{protocol: TCP}]\n").get(0), metadata, 80))
                .as("every TCP port")
                .isTrue();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - to: [{ipBlock: {cidr: 169.254.169.254/32}}]\n")
                                .get(0),
                        metadata,
                        80))
                .isTrue();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - to: [{ipBlock: {cidr: 169.254.0.0/16, except: [169.254.169.0/24]}}]\n")
                                .get(0),
                        metadata,
                        80))
                .isFalse();
        assertThat(PolicyShapes.reachesAddress(
                        egress("    - to: [{podSelector: {}}]\n").get(0), metadata, 80))
                .as("pods only")
                .isFalse();
    }

    @Test
    void portsOfNamesWhatARuleAllows() {
        assertThat(PolicyShapes.portsOf(egress("    - {}\n").get(0))).isEqualTo("every port");
        assertThat(PolicyShapes.portsOf(egress("    - ports: [{port: 80}]\n").get(0)))
                .isEqualTo("port 80/TCP");
        assertThat(PolicyShapes.portsOf(egress("    - ports: [{port: 80}, {port: 1, endPort: 1024}, {protocol: UDP}]\n")
                        .get(0)))
                .isEqualTo("ports 80/TCP, 1-1024/TCP, all ports/UDP");
    }

    @Test
    void rulesOfSkipsWhatPolicyTypesLeaveOutAndIgnoredRulesOfListsIt() {
        Cluster c = load("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  ingress:
                    - from: [{podSelector: {}}]
                  egress:
                    - ports: [{port: 53, protocol: UDP}]
                """);
        PolicyFact p = c.policies().get(0);
        assertThat(PolicyShapes.rulesOf(p)).extracting(PolicyRule::direction).containsExactly(Direction.EGRESS);
        assertThat(PolicyShapes.ignoredRulesOf(p))
                .extracting(PolicyRule::direction)
                .containsExactly(Direction.INGRESS);
    }

    @Test
    void everySourceNamesHowARuleAdmitsEveryone() {
        Cluster c = load("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: ns}
                spec:
                  podSelector: {}
                  ingress:
                    - from: [{ipBlock: {cidr: "::/0"}}]
                    - from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: a}}}]
                    - from: [{podSelector: {}}]
                    - {}
                """);
        PolicyFact p = c.policies().get(0);
        assertThat(p.ingress())
                .extracting(PolicyShapes::everySource)
                .containsExactly("ipBlock ::/0", "", "", "no from");
    }

    @Test
    void peersArePinnedOnlyToNamespacesTheManifestsMention() {
        Cluster c = load("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: web, labels: {team: shop}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: web}
                spec:
                  podSelector: {}
                  ingress:
                    - from:
                        - podSelector: {matchLabels: {app: a}}
                        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: web}}
                        - namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [web, monitoring]}]}
                        - namespaceSelector: {matchLabels: {team: shop}}
                        - namespaceSelector: {}
                """);
        assertThat(c.policies().get(0).ingress().get(0).peers())
                .extracting(peer -> PolicyShapes.pinnedToKnownNamespaces(peer, c))
                .containsExactly(true, true, false, false, false);
        assertThat(c.policies().get(0).ingress().get(0).peers())
                .extracting(peer -> PolicyShapes.unknownNamespaceLabels(peer, c))
                .containsOnly("");
    }

    @Test
    void datastoresByEvidenceNotByAPortNumber() {
        Cluster c = load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: a, namespace: ns, labels: {app: orders-db}}
                spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: b, namespace: ns, labels: {app: dashboard}}
                spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: c, namespace: ns, labels: {app: cache}}
                spec: {containers: [{name: c, image: x, ports: [{containerPort: 6379}, {containerPort: 9121}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: d, namespace: ns, labels: {app: sessions}}
                spec: {containers: [{name: c, image: "docker.io/bitnami/redis:7.2@sha256:abc", ports: [{containerPort: 6379}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: e, namespace: ns, labels: {app: store}}
                spec: {containers: [{name: c, image: x, ports: [{name: tcp-postgresql, containerPort: 5432}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: f, namespace: ns, labels: {app: redis-exporter}}
                spec: {containers: [{name: c, image: oliver006/redis_exporter, ports: [{containerPort: 9121}]}]}
                """);
        List<Workload> w = c.workloads().stream()
                .sorted(Comparator.comparing(Workload::name))
                .toList();
        // the vocabulary is the datastore-exposed rule's parameters, at their declared defaults
        Datastores datastores = Datastores.of(
                RuleParams.resolve(BuiltInPacks.engine().allRules(), List.of()).of(Datastores.RULE_ID));
        assertThat(w)
                .extracting(datastores::what)
                .as("a port number alone is not evidence; an image, a port name or a label is; tooling is not")
                .containsExactly(
                        "label app=orders-db",
                        "",
                        "",
                        "image docker.io/bitnami/redis:7.2@sha256:abc",
                        "port 5432 named tcp-postgresql",
                        "");
        assertThat(datastores.ports(w.get(0))).containsExactly(8080);
        assertThat(datastores.ports(w.get(2))).containsExactly(6379);
        assertThat(datastores.wellKnownPorts())
                .containsEntry(5432, "PostgreSQL")
                .containsEntry(1433, "SQL Server");
        assertThat(Describe.ports(w.get(2))).isEqualTo("6379/TCP, 9121/TCP");
        assertThat(Describe.few(List.of("a", "b", "c", "d", "e"))).isEqualTo("a, b, c and 2 more");
    }
}
