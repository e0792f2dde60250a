package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.Cidrs;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host-network pod has its node's address, not a pod IP: without its Node's status.addresses in the input, the
 * node ranges (nodeCIDRs:, --node-cidr) decide an address peer that holds all of them or none.
 */
class NodeRangesTest {

    /** A host-network DaemonSet {@code agent} and a pod {@code web} that takes ingress only from {@code peer}. */
    private static String manifests(String peer, String agentSpec) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: kube-system}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      hostNetwork: true%s
                      containers: [{name: c, image: agent}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  containers: [{name: c, image: web, ports: [{containerPort: 80}]}]
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
                """.formatted(agentSpec, peer);
    }

    private static Cluster load(String yaml, List<String> nodeCidrs) {
        LoadResult r =
                new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CALICO)).loadString(yaml, "ds.yaml");
        assertThat(r.errors()).isEmpty();
        return r.cluster()
                .withPodCidrs(List.of(Cidrs.parse("10.244.0.0/16")))
                .withNodeCidrs(nodeCidrs.stream().map(Cidrs::parse).toList());
    }

    private static Workload named(Cluster cluster, String name) {
        return cluster.workloads().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static boolean agentReachesWeb(ConnectivityAnalysis analysis, Cluster cluster) {
        return !analysis.allowed(named(cluster, "agent"), named(cluster, "web")).isEmpty();
    }

    @Test
    void aBlockHoldingTheNodeRangeMatchesHostNetworkPods() {
        String yaml = manifests("{cidr: 10.0.0.0/8}", "");
        Cluster without = load(yaml, List.of());
        ConnectivityAnalysis undecided = ConnectivityAnalysis.of(without);
        assertThat(agentReachesWeb(undecided, without)).isFalse();
        assertThat(undecided.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 1 workload(s)")
                .contains("(kube-system/agent[DaemonSet])")
                .contains("nodeCIDRs: in .netspec.yaml, or --node-cidr");

        Cluster known = load(yaml, List.of("10.0.0.0/16"));
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(agentReachesWeb(with, known)).isTrue();
        assertThat(with.problems()).isEmpty();
    }

    @Test
    void aBlockWhoseExceptHoldsTheNodeRangeMatchesNoHostNetworkPod() {
        Cluster known = load(manifests("{cidr: 0.0.0.0/0, except: [10.0.0.0/8]}", ""), List.of("10.0.0.0/16"));
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(agentReachesWeb(with, known)).isFalse();
        assertThat(with.problems()).isEmpty();
    }

    @Test
    void aBlockCoveringPartOfTheNodeRangeStaysUndecided() {
        Cluster known = load(manifests("{cidr: 10.0.0.0/24}", ""), List.of("10.0.0.0/16"));
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(agentReachesWeb(with, known)).isFalse();
        assertThat(with.problems())
                .extracting(Object::toString)
                .singleElement()
                .asString()
                .contains("cannot be decided for 1 workload(s)")
                .contains("10.0.0.0/16 only in part")
                .doesNotContain("--node-cidr");
    }

    @Test
    void aNodesOwnAddressesWinOverTheNodeRanges() {
        // the DaemonSet's pods run on every node; a Pod names its own
        String yaml = manifests("{cidr: 10.0.0.0/8}", "").replace("""
                                apiVersion: apps/v1
                                kind: DaemonSet
                                metadata: {name: agent, namespace: kube-system}
                                spec:
                                  selector: {matchLabels: {app: agent}}
                                  template:
                                    metadata: {labels: {app: agent}}
                                    spec:
                                      hostNetwork: true
                                      containers: [{name: c, image: agent}]
                                """, """
                                apiVersion: v1
                                kind: Pod
                                metadata: {name: agent, namespace: kube-system, labels: {app: agent}}
                                spec:
                                  hostNetwork: true
                                  nodeName: n1
                                  containers: [{name: c, image: agent}]
                                """) + """
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                status:
                  addresses: [{type: InternalIP, address: 192.168.5.5}, {type: Hostname, address: n1}]
                """;
        assertThat(yaml).contains("nodeName: n1").doesNotContain("DaemonSet");
        Cluster known = load(yaml, List.of("10.0.0.0/16"));
        ConnectivityAnalysis with = ConnectivityAnalysis.of(known);
        assertThat(agentReachesWeb(with, known)).isFalse();
        assertThat(with.problems()).isEmpty();
    }
}
