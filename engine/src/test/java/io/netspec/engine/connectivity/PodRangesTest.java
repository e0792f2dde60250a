package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.Cidrs;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.Workload;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Under Calico an ipBlock matches pod IPs. Manifests rarely carry them; the cluster's pod ranges (podCIDRs:,
 * --pod-cidr, Node spec.podCIDRs) decide a peer that holds all of a pod's range or none of it.
 */
class PodRangesTest {

    /** Two pods without IPs in {@code shop}; {@code web} takes ingress only from {@code peer}. */
    private static String manifests(String peer) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  containers: [{name: c, image: web, ports: [{containerPort: 80}]}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: client, namespace: shop, labels: {app: client}}
                spec:
                  containers: [{name: c, image: client}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-block, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress]
                  ingress:
                  - from:
                    - ipBlock: %s
                """.formatted(peer);
    }

    private static Cluster load(String yaml, String... podCidrs) {
        LoadResult r =
                new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CALICO)).loadString(yaml, "pods.yaml");
        assertThat(r.errors()).isEmpty();
        return r.cluster()
                .withPodCidrs(Arrays.stream(podCidrs).map(Cidrs::parse).toList());
    }

    private static Workload named(Cluster cluster, String name) {
        return cluster.workloads().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static boolean allowed(ConnectivityAnalysis analysis, Cluster cluster, String from, String to) {
        return !analysis.allowed(named(cluster, from), named(cluster, to)).isEmpty();
    }

    @Test
    void aBlockHoldingThePodRangeMatchesPodsWithoutIps() {
        String yaml = manifests("{cidr: 10.0.0.0/8}");
        Cluster unknown = load(yaml);
        ConnectivityAnalysis without = ConnectivityAnalysis.of(unknown);
        assertThat(allowed(without, unknown, "client", "web")).isFalse();
        assertThat(without.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 2 workload(s)")
                .contains("podCIDRs: in .netspec.yaml, or --pod-cidr");

        Cluster known = load(yaml, "10.244.0.0/16", "fd00:10:244::/56");
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(allowed(with, known, "client", "web")).isTrue();
        assertThat(with.problems()).isEmpty();
    }

    @Test
    void aBlockWhoseExceptHoldsThePodRangeMatchesNoPodAndIsNoProblem() {
        String yaml = manifests("{cidr: 0.0.0.0/0, except: [10.0.0.0/8, 192.168.0.0/16]}");
        Cluster known = load(yaml, "10.244.0.0/16");
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(allowed(with, known, "client", "web")).isFalse();
        assertThat(with.problems()).isEmpty();
        assertThat(ConnectivityAnalysis.of(load(yaml)).problems()).hasSize(1);
    }

    @Test
    void aBlockCoveringPartOfThePodRangeStaysUndecidedAndNamesTheRange() {
        Cluster known = load(manifests("{cidr: 10.244.0.0/17}"), "10.244.0.0/16");
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(allowed(with, known, "client", "web")).isFalse();
        assertThat(with.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 2 workload(s)")
                .contains("it covers their pod range 10.244.0.0/16 only in part")
                .doesNotContain("--pod-cidr");
    }

    @Test
    void aNodesPodRangeDecidesForItsPodsTheUnionForPodsOnNoKnownNode() {
        String yaml = manifests("{cidr: 10.244.1.0/24}")
                        .replace(
                                "metadata: {name: client, namespace: shop, labels: {app: client}}\nspec:\n",
                                "metadata: {name: client, namespace: shop, labels: {app: client}}\nspec:\n  nodeName: n1\n")
                + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: far, namespace: shop, labels: {app: client}}
                spec:
                  nodeName: n2
                  containers: [{name: c, image: client}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: anywhere, namespace: shop, labels: {app: client}}
                spec:
                  containers: [{name: c, image: client}]
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24, "fd00:1::/64"]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n2}
                spec: {podCIDR: 10.244.2.0/24}
                """;
        assertThat(yaml).contains("nodeName: n1");
        Cluster cluster = load(yaml);
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(cluster);
        assertThat(allowed(analysis, cluster, "client", "web")).isTrue();
        assertThat(allowed(analysis, cluster, "far", "web")).isFalse();
        assertThat(allowed(analysis, cluster, "anywhere", "web")).isFalse();
        // web and anywhere run on no named node: both Nodes' ranges, of which the block holds one
        assertThat(analysis.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 2 workload(s) whose pod IPs or Node the input does not carry"
                        + " (shop/anywhere[Pod], shop/web[Pod])")
                .contains("it covers their pod range 10.244.1.0/24,10.244.2.0/24 only in part");
    }

    @Test
    void aPodWithAnIpIsDecidedByItsIpNotItsRange() {
        String yaml = manifests("{cidr: 10.244.0.0/24}")
                .replace(
                        "  containers: [{name: c, image: client}]\n",
                        "  containers: [{name: c, image: client}]\nstatus: {podIP: 10.244.0.7}\n");
        Cluster known = load(yaml, "10.244.0.0/16");
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(allowed(with, known, "client", "web")).isTrue();
        assertThat(with.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 1 workload(s)")
                .contains("(shop/web[Pod])");
    }

    @Test
    void onlyIpv6RangesLeaveIpv4BlocksUndecided() {
        Cluster known = load(manifests("{cidr: 10.0.0.0/8}"), "fd00:10:244::/56");
        assertThat(known.podCidrs()).singleElement().matches(c -> c.ipv6());
        assertThat(ConnectivityAnalysis.of(known).problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("podCIDRs: in .netspec.yaml, or --pod-cidr");
    }
}
