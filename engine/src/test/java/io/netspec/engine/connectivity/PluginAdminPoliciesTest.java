package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.NetworkPlugin;
import org.junit.jupiter.api.Test;

/**
 * The network-policy-api's admin policies as each pinned plugin enforces them: Calico runs ClusterNetworkPolicy in
 * its kube-admin (order 1,000) and kube-baseline (10,000,000) tiers among its own tiers and no v1alpha1 kind;
 * Cilium runs ClusterNetworkPolicy only with enable-k8s-cluster-network-policy and no v1alpha1 kind. What a plugin
 * does not enforce takes no part, with a warning naming it.
 */
class PluginAdminPoliciesTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: a, labels: {app: web}}
            spec: {containers: [{name: c}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: a, labels: {app: api}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
            ---
            """;

    private static final String CNP_DENY_API = """
            apiVersion: policy.networking.k8s.io/v1alpha2
            kind: ClusterNetworkPolicy
            metadata: {name: deny-api}
            spec:
              tier: %s
              priority: 10
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}
              ingress:
                - {name: deny, action: Deny, from: [{namespaces: {}}]}
            ---
            """;

    private static final String ANP_DENY_API = """
            apiVersion: policy.networking.k8s.io/v1alpha1
            kind: AdminNetworkPolicy
            metadata: {name: deny-api}
            spec:
              priority: 10
              subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: api}}}}
              ingress:
                - {name: deny, action: Deny, from: [{namespaces: {}}]}
            ---
            """;

    private static final String CILIUM_POLICY = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web, namespace: a}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              egress: [{toEntities: [all]}]
            ---
            """;

    private static ConnectivityAnalysis analyse(NetworkPlugin plugin, String objects) {
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(plugin)).loadString(PODS + objects, "p.yaml");
        assertThat(r.errors()).isEmpty();
        return ConnectivityAnalysis.of(r.cluster());
    }

    private static boolean webReachesApi(ConnectivityAnalysis a) {
        return a.allowed(EndpointRef.resolve(a.cluster(), "a/web"), EndpointRef.resolve(a.cluster(), "a/api"))
                .contains(TCP, 8080);
    }

    private static String tier(String name, double order, String policy) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: %s}
                spec: {order: %s}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: %s.%s}
                spec:
                  tier: %s
                  selector: app == 'api'
                  types: [Ingress]
                  ingress: [{action: Allow}]
                ---
                """.formatted(name, order, name, policy, name);
    }

    @Test
    void calicoTiersBeforeKubeAdminDecideFirst() {
        // a Calico tier of order 100 runs before kube-admin (1,000): its Allow wins over the admin Deny
        assertThat(webReachesApi(analyse(
                        NetworkPlugin.CALICO, CNP_DENY_API.formatted("Admin") + tier("security", 100, "allow-api"))))
                .isTrue();
        // a tier of order 5,000 runs after kube-admin: the Deny wins
        assertThat(webReachesApi(analyse(
                        NetworkPlugin.CALICO, CNP_DENY_API.formatted("Admin") + tier("late", 5000, "allow-api"))))
                .isFalse();
        // under plain Kubernetes semantics the Admin tier comes first whatever
        assertThat(webReachesApi(analyse(NetworkPlugin.NONE, CNP_DENY_API.formatted("Admin"))))
                .isFalse();
    }

    @Test
    void calicoKubeBaselineComesAfterItsDefaultTierAndLaterTiers() {
        // a tier of order 2,000,000 (after default, before kube-baseline at 10,000,000) allows before the Baseline deny
        assertThat(webReachesApi(analyse(
                        NetworkPlugin.CALICO,
                        CNP_DENY_API.formatted("Baseline") + tier("late", 2_000_000, "allow-api"))))
                .isTrue();
        assertThat(webReachesApi(analyse(NetworkPlugin.CALICO, CNP_DENY_API.formatted("Baseline"))))
                .isFalse();
    }

    @Test
    void calicoDoesNotEnforceV1alpha1AdminNetworkPolicy() {
        ConnectivityAnalysis a = analyse(NetworkPlugin.CALICO, ANP_DENY_API + tier("security", 100, "noop"));
        assertThat(webReachesApi(a)).isTrue();
        assertThat(a.problems())
                .anySatisfy(p -> assertThat(p.toString())
                        .contains("AdminNetworkPolicy deny-api is not enforced", "no v1alpha1 AdminNetworkPolicy"));
        assertThat(webReachesApi(analyse(NetworkPlugin.NONE, ANP_DENY_API))).isFalse();
    }

    @Test
    void ciliumEnforcesClusterNetworkPolicyOnlyWithItsOption() {
        ConnectivityAnalysis off = analyse(NetworkPlugin.CILIUM, CILIUM_POLICY + CNP_DENY_API.formatted("Admin"));
        assertThat(webReachesApi(off)).isTrue();
        assertThat(off.problems())
                .anySatisfy(p -> assertThat(p.toString())
                        .contains(
                                "ClusterNetworkPolicy deny-api is not enforced", "enable-k8s-cluster-network-policy"));
        String config = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cilium-config, namespace: kube-system}
                data: {enable-k8s-cluster-network-policy: "true"}
                ---
                """;
        assertThat(webReachesApi(
                        analyse(NetworkPlugin.CILIUM, config + CILIUM_POLICY + CNP_DENY_API.formatted("Admin"))))
                .isFalse();
        // never a v1alpha1 AdminNetworkPolicy, option or not
        assertThat(webReachesApi(analyse(NetworkPlugin.CILIUM, config + CILIUM_POLICY + ANP_DENY_API)))
                .isTrue();
    }
}
