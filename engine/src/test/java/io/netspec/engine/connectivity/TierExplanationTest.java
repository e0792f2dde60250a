package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.Workload;
import org.junit.jupiter.api.Test;

/** Explanations fold Calico and Cilium tiers as the evaluator does, and a tier's end is evidence of its own. */
class TierExplanationTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: shop}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: c, ports: [{name: http, containerPort: 80}]}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: shop, labels: {app: db}}
            spec: {containers: [{name: c, ports: [{name: pg, containerPort: 5432}]}]}
            ---
            """;

    /** A security tier passing what it does not decide, then the default tier's global default deny. */
    private static final String CALICO = PODS + """
            apiVersion: projectcalico.org/v3
            kind: Tier
            metadata: {name: security}
            spec: {order: 100, defaultAction: Pass}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: security.watch}
            spec:
              tier: security
              selector: app == 'db'
              types: [Ingress]
              ingress:
              - action: Deny
                protocol: TCP
                destination: {ports: [22]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkPolicy
            metadata: {name: default-deny}
            spec:
              order: 2000
              selector: all()
              types: [Ingress]
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              order: 10
              selector: app == 'db'
              types: [Ingress]
              ingress:
              - action: Allow
                protocol: TCP
                source: {selector: app == 'web'}
                destination: {ports: [5432]}
            """;

    @Test
    void aCalicoTierDefaultNamesTheTierAndThePoliciesThatSelect() {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(load(CALICO));
        Explanation e = analysis.explain(ep(analysis, "shop/web"), ep(analysis, "shop/db"));
        assertThat(e.allowed()).hasToString("TCP 5432");

        // 5432: the security tier selects db and matches nothing: it passes; the default tier allows
        Explanation.Part allowed = e.partFor(TCP, 5432).orElseThrow();
        assertThat(allowed.evidence())
                .extracting(Evidence::kind)
                .containsExactly("no-rule-decides", "tier-default", "rule-allows");
        Evidence.TierDefault pass = (Evidence.TierDefault) allowed.evidence().get(1);
        assertThat(pass.tier().name()).isEqualTo("security");
        assertThat(pass.tier().end()).isEqualTo(TierEnd.PASS);
        assertThat(pass.policies()).extracting(PolicyObject::name).containsExactly("security.watch");
        assertThat(allowed.reasons().get(1))
                .isEqualTo(
                        "ingress: tier security ends in Pass (to the next tier) for "
                                + "shop/db[Pod], selected by GlobalNetworkPolicy security.watch (calico.yaml:20): no rule decided it");

        // 22: the security tier's first rule denies, whatever later tiers say
        assertThat(e.partFor(TCP, 22).orElseThrow().reasons())
                .contains("ingress: denied by GlobalNetworkPolicy "
                        + "security.watch (tier security, order none) ingress rule 1: Deny (calico.yaml:28)");

        // 80: passed on by the security tier, then the default tier ends in Deny: named with its policies
        Explanation.Part denied = e.partFor(TCP, 80).orElseThrow();
        Evidence.TierDefault deny = denied.evidence().stream()
                .filter(Evidence.TierDefault.class::isInstance)
                .map(Evidence.TierDefault.class::cast)
                .filter(t -> t.tier().end() == TierEnd.DENY)
                .findFirst()
                .orElseThrow();
        assertThat(deny.tier().name()).isEqualTo("default");
        assertThat(deny.direction()).isEqualTo(Direction.INGRESS);
        assertThat(deny.policies())
                .extracting(p -> p.name() + "@" + p.source())
                .containsExactly("default-deny@calico.yaml:32", "db@calico.yaml:40");
        assertThat(denied.reasons())
                .contains(
                        "ingress: tier default ends in Deny for shop/db[Pod], selected by GlobalNetworkPolicy default-deny "
                                + "(calico.yaml:32), NetworkPolicy shop/db (calico.yaml:40): no rule decided it",
                        "  GlobalNetworkPolicy default-deny (calico.yaml:32) has no ingress rules: it allows no ingress traffic");
        assertThat(denied.reasons())
                .anyMatch(r -> r.startsWith("  NetworkPolicy shop/db (tier default, order 10) "
                                + "ingress rule 1: Allow (calico.yaml:")
                        && r.contains(" do not include "));
        // no admin vocabulary for a Calico cluster
        assertThat(e.render()).doesNotContain("admin", "NetworkPolicies by");
    }

    @Test
    void ciliumDefaultDenyIsTheDefaultOfItsOwnTier() {
        Cluster cluster = load(PODS + """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: db}}
                  ingress:
                  - fromEndpoints: [{matchLabels: {app: web}}]
                    toPorts: [{ports: [{port: "5432", protocol: TCP}]}]
                """);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster, ConnectivityAnalysis.CILIUM_COMPILERS);
        Explanation e = analysis.explain(ep(analysis, "shop/web"), ep(analysis, "shop/db"));
        assertThat(e.allowed()).hasToString("TCP 5432");
        assertThat(e.partFor(TCP, 5432).orElseThrow().reasons())
                .contains(
                        "ingress: allowed by CiliumNetworkPolicy shop/db ingress rule 1 \"ingress rule 1\": Allow (calico.yaml:21)");
        Explanation.Part denied = e.partFor(TCP, 80).orElseThrow();
        assertThat(denied.reasons())
                .startsWith("ingress: tier Cilium default deny ends in Deny for shop/db[Pod], "
                        + "selected by CiliumNetworkPolicy shop/db (calico.yaml:15): no rule decided it");
        assertThat(denied.reasons()).anyMatch(r -> r.contains("ports 5432/TCP do not include"));
    }

    @Test
    void namesFromManifestsAreEscapedLineByLine() {
        String hostile = CALICO.replace("name: default-deny}", "name: \"deny\\u001b[31m\\nfake.yaml:1: error\"}");
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(load(hostile));
        Explanation e = analysis.explain(ep(analysis, "shop/web"), ep(analysis, "shop/db"));
        String text = e.render();
        assertThat(text).doesNotContain("\u001b").contains("deny\\u{001B}[31m\\nfake.yaml:1: error");
        assertThat(text.lines()).noneMatch(l -> l.startsWith("fake.yaml"));
        // the data keeps the name as written (JSON escapes it its own way)
        assertThat(e.partFor(TCP, 80).orElseThrow().evidence().stream().map(Evidence::text))
                .anyMatch(t -> t.contains("deny\u001b[31m\nfake.yaml"));
    }

    private static Cluster load(String yaml) {
        LoadResult loaded = new ManifestLoader().loadString(yaml, "calico.yaml");
        assertThat(loaded.errors()).isEmpty();
        return loaded.cluster();
    }

    private static Endpoint ep(ConnectivityAnalysis analysis, String id) {
        Workload w = analysis.cluster().workloads().stream()
                .filter(x -> (x.namespace() + "/" + x.name()).equals(id))
                .findFirst()
                .orElseThrow();
        return new Endpoint.OfWorkload(w);
    }
}
