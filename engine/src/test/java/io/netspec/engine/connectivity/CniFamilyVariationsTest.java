package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static io.netspec.engine.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.NetworkPlugin;
import io.netspec.engine.model.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Hand-written variations of the feature families of the calico, cilium and cluster-network-policy corpora that
 * their public cases do not cover. Each expected verdict is derived from the pinned upstream code named in the
 * comment (calico {@code 87c15906}, cilium {@code 2efb257c} as vendored in cilium-cli v0.19.7, network-policy-api
 * {@code 0eec1b0e}).
 */
class CniFamilyVariationsTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop, labels: {team: shop}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: ops, labels: {team: ops}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop, labels: {app: web}}
            spec: {containers: [{name: c, ports: [{containerPort: 8080, name: http}]}]}
            status: {podIP: 10.1.0.5}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api, namespace: shop, labels: {app: api}}
            spec: {containers: [{name: c, ports: [{containerPort: 9090, name: http}, {containerPort: 53, protocol: UDP}]}]}
            status: {podIP: 10.1.0.6}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: legacy, namespace: shop, labels: {app: legacy}}
            spec: {containers: [{name: c, ports: [{containerPort: 443}]}]}
            status: {podIP: 192.0.2.50}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: probe, namespace: ops, labels: {app: probe}}
            spec: {containers: [{name: c}]}
            status: {podIP: 10.2.0.5}
            ---
            """;

    private static ConnectivityAnalysis analyse(NetworkPlugin plugin, String objects) {
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(plugin)).loadString(PODS + objects, "v.yaml");
        assertThat(r.errors()).isEmpty();
        return ConnectivityAnalysis.of(r.cluster());
    }

    private static Endpoint endpoint(ConnectivityAnalysis a, String ref) {
        if (!ref.contains("/")) {
            long ip = Facts.parseIp(ref);
            return new Endpoint.External(ip, ip);
        }
        return new Endpoint.OfWorkload(a.cluster().findWorkloads(ref + "[Pod]").get(0));
    }

    private static boolean allows(ConnectivityAnalysis a, String from, String to, Protocol protocol, int port) {
        return a.allowed(endpoint(a, from), endpoint(a, to)).contains(protocol, port);
    }

    // ------------------------------------------------------------------ Calico: network sets

    private static final String NETWORK_SETS = """
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: partners, labels: {role: partner}}
            spec: {nets: [203.0.113.0/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkSet
            metadata: {name: partners-local, namespace: shop, labels: {role: partner}}
            spec: {nets: [192.0.2.0/24]}
            ---
            apiVersion: projectcalico.org/v3
            kind: GlobalNetworkSet
            metadata: {name: blocked, labels: {role: blocked}}
            spec: {nets: [198.51.100.0/28, 10.2.0.5]}
            ---
            """;

    @Test
    void calicoRuleSelectorsMatchNetworkSetsAsTheyMatchEndpoints() {
        // rules.go getEndpointSelector: a GNP rule selector is unscoped, a namespaced policy's gets
        // projectcalico.org/namespace == '<ns>', namespaceSelector global() becomes !has(projectcalico.org/namespace);
        // networksetprocessor.go gives a NetworkSet that namespace label, a GlobalNetworkSet none; felix matches a
        // selector as the IP set of the endpoints and network sets it selects (felix/calc ipset member calculation)
        ConnectivityAnalysis a = analyse(NetworkPlugin.CALICO, NETWORK_SETS + """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: web-to-partners}
                spec:
                  selector: app == 'web'
                  types: [Egress]
                  egress: [{action: Allow, protocol: TCP, destination: {selector: role == 'partner', ports: [443]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: api-to-partners, namespace: shop}
                spec:
                  selector: app == 'api'
                  types: [Egress]
                  egress: [{action: Allow, protocol: TCP, destination: {selector: role == 'partner', ports: [443]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: probe-to-global, namespace: ops}
                spec:
                  selector: app == 'probe'
                  types: [Egress]
                  egress:
                  - action: Allow
                    protocol: TCP
                    destination: {namespaceSelector: global(), selector: role == 'partner', ports: [443]}
                """);
        // the global policy matches both sets, and a pod whose IP is in one of them
        assertThat(allows(a, "shop/web", "203.0.113.7", TCP, 443)).isTrue();
        assertThat(allows(a, "shop/web", "192.0.2.9", TCP, 443)).isTrue();
        assertThat(allows(a, "shop/web", "shop/legacy", TCP, 443)).isTrue();
        assertThat(allows(a, "shop/web", "198.51.100.1", TCP, 443)).isFalse();
        assertThat(allows(a, "shop/web", "203.0.113.7", TCP, 80)).isFalse();
        // the namespaced policy matches its namespace's set only
        assertThat(allows(a, "shop/api", "192.0.2.9", TCP, 443)).isTrue();
        assertThat(allows(a, "shop/api", "203.0.113.7", TCP, 443)).isFalse();
        // namespaceSelector global() reaches the global set only
        assertThat(allows(a, "ops/probe", "203.0.113.7", TCP, 443)).isTrue();
        assertThat(allows(a, "ops/probe", "192.0.2.9", TCP, 443)).isFalse();
    }

    @Test
    void calicoNotSelectorExcludesTheAddressesOfTheNetworkSetsItSelects() {
        // a notSelector is not namespace-scoped (getEndpointSelector leaves it alone): a source in a network set it
        // selects does not match, whether outside the cluster or a pod whose IP is in the set
        ConnectivityAnalysis a = analyse(NetworkPlugin.CALICO, NETWORK_SETS + """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: api-ingress}
                spec:
                  selector: app == 'api'
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, source: {notSelector: role == 'blocked'}}]
                """);
        assertThat(allows(a, "198.51.100.5", "shop/api", TCP, 9090)).isFalse();
        assertThat(allows(a, "198.51.100.100", "shop/api", TCP, 9090)).isTrue();
        assertThat(allows(a, "ops/probe", "shop/api", TCP, 9090)).isFalse();
        assertThat(allows(a, "shop/web", "shop/api", TCP, 9090)).isTrue();
    }

    // ------------------------------------------------------------------ Calico: tiers, order, nets, protocols

    private static String webEgressTier(String defaultAction) {
        return """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: security}
                spec: {order: 100, defaultAction: %s}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: security.web}
                spec:
                  tier: security
                  selector: app == 'web'
                  types: [Egress]
                  egress: [{action: Allow, destination: {selector: app == 'api'}}]
                """.formatted(defaultAction);
    }

    @Test
    void calicoTierEndPassesOnlyWithDefaultActionPassThenMeetsTheProfile() {
        // felix/rules/endpoints.go: the end-of-tier drop is skipped when tier.DefaultAction is Pass; with no later
        // tier selecting the pod the kns. profile allows (conversion.go NamespaceToProfile)
        assertThat(allows(analyse(NetworkPlugin.CALICO, webEgressTier("Pass")), "shop/web", "ops/probe", TCP, 80))
                .isTrue();
        assertThat(allows(analyse(NetworkPlugin.CALICO, webEgressTier("Deny")), "shop/web", "ops/probe", TCP, 80))
                .isFalse();
        assertThat(allows(analyse(NetworkPlugin.CALICO, webEgressTier("Deny")), "shop/web", "shop/api", TCP, 80))
                .isTrue();
    }

    @Test
    void calicoEqualOrdersAreTakenByNameAndNotNetsProtocolNumbersAndNamedNotPortsHold() {
        // felix/calc/policy_sorter.go PolKVLess: equal order, then name: a-deny before b-allow
        ConnectivityAnalysis a = analyse(NetworkPlugin.CALICO, """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: b-allow}
                spec:
                  order: 10
                  selector: app == 'web'
                  types: [Egress]
                  egress:
                  - {action: Allow, destination: {notNets: [203.0.113.0/24]}}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: a-deny}
                spec:
                  order: 10
                  selector: app == 'web'
                  types: [Egress]
                  egress: [{action: Deny, protocol: 17, destination: {ports: [53]}}]
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: api-in}
                spec:
                  selector: app == 'api'
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, destination: {notPorts: [http]}}]
                """);
        assertThat(allows(a, "shop/web", "198.51.100.1", UDP, 53)).isFalse();
        assertThat(allows(a, "shop/web", "198.51.100.1", TCP, 53)).isTrue();
        // notNets: the pod address 10.1.0.6 is outside 203.0.113.0/24, the outside address is inside
        assertThat(allows(a, "shop/web", "203.0.113.7", TCP, 443)).isFalse();
        assertThat(allows(a, "shop/web", "shop/legacy", TCP, 443)).isTrue();
        // notPorts [http] resolves on the destination pod (api: 9090), so 9090 drops at the end of the tier
        assertThat(allows(a, "shop/web", "shop/api", TCP, 9090)).isFalse();
        assertThat(allows(a, "shop/web", "shop/api", TCP, 8080)).isTrue();
    }

    // ------------------------------------------------------------------ Cilium

    @Test
    void ciliumDenyWinsAcrossPolicyKindsAndNamedPortsResolveOnTheDestination() {
        // pkg/policy/mapstate.go: a deny entry wins over any allow; a named port resolves on the pod receiving the
        // flow (web: http=8080, api: http=9090)
        ConnectivityAnalysis a = analyse(NetworkPlugin.CILIUM, """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: open, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress: [{fromEntities: [cluster]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: no-probe-http}
                spec:
                  endpointSelector: {matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}
                  ingressDeny:
                  - fromEndpoints: [{matchLabels: {app: probe}}]
                    toPorts: [{ports: [{port: http}]}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-ops, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
                """);
        assertThat(allows(a, "ops/probe", "shop/web", TCP, 8080)).isFalse();
        assertThat(allows(a, "ops/probe", "shop/api", TCP, 9090)).isFalse();
        assertThat(allows(a, "ops/probe", "shop/api", UDP, 53)).isTrue();
        assertThat(allows(a, "ops/probe", "shop/web", TCP, 9090)).isTrue();
        assertThat(allows(a, "shop/api", "shop/web", TCP, 8080)).isTrue();
    }

    @Test
    void ciliumCidrExceptEntitiesAndEnableDefaultDeny() {
        // CIDR rules match addresses outside the cluster, never pods (legacy's 192.0.2.50 too); except removes a
        // range from its rule only; entity world is outside, cluster every pod (pkg/policy/api/entity.go);
        // enableDefaultDeny.egress false leaves what no rule allows open (parserules.go DefaultDeny per entry)
        ConnectivityAnalysis a = analyse(NetworkPlugin.CILIUM, """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web-out, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  egress:
                  - toCIDRSet: [{cidr: 203.0.113.0/24, except: [203.0.113.128/25]}, {cidr: 192.0.2.0/24}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: api-out, namespace: shop}
                spec:
                  endpointSelector: {matchExpressions: [{key: app, operator: In, values: [api]}]}
                  egress: [{toEntities: [world]}]
                  egressDeny: [{toEntities: [host, remote-node]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: legacy-out, namespace: shop}
                spec:
                  endpointSelector: {matchLabels: {app: legacy}}
                  enableDefaultDeny: {egress: false}
                  egressDeny: [{toEntities: [world]}]
                """);
        assertThat(allows(a, "shop/web", "203.0.113.7", TCP, 443)).isTrue();
        assertThat(allows(a, "shop/web", "203.0.113.200", TCP, 443)).isFalse();
        assertThat(allows(a, "shop/web", "shop/legacy", TCP, 443)).isFalse();
        assertThat(allows(a, "shop/api", "203.0.113.200", UDP, 53)).isTrue();
        assertThat(allows(a, "shop/api", "ops/probe", TCP, 80)).isFalse();
        assertThat(allows(a, "shop/legacy", "ops/probe", TCP, 80)).isTrue();
        assertThat(allows(a, "shop/legacy", "198.51.100.1", TCP, 80)).isFalse();
    }

    // ------------------------------------------------------------------ ClusterNetworkPolicy

    @Test
    void clusterNetworkPolicyPodsPeerWithoutNamespaceSelectorSelectsPodsOfEveryNamespace() {
        // apis/v1alpha2/clusternetworkpolicy_types.go NamespacedPod: namespaceSelector is +optional and an empty one
        // selects all namespaces (the CRD requires podSelector only); a Pass goes on to the NetworkPolicy tier and,
        // with none selecting the pod, to Baseline
        ConnectivityAnalysis a = analyse(NetworkPlugin.NONE, """
                apiVersion: policy.networking.k8s.io/v1alpha2
                kind: ClusterNetworkPolicy
                metadata: {name: api-ingress}
                spec:
                  tier: Admin
                  priority: 5
                  subject: {pods: {podSelector: {matchLabels: {app: api}}}}
                  ingress:
                  - {action: Pass, from: [{pods: {podSelector: {matchLabels: {app: probe}}}}]}
                  - {action: Deny, from: [{pods: {podSelector: {}}}]}
                ---
                apiVersion: policy.networking.k8s.io/v1alpha2
                kind: ClusterNetworkPolicy
                metadata: {name: baseline}
                spec:
                  tier: Baseline
                  priority: 5
                  subject: {namespaces: {}}
                  ingress:
                  - {action: Deny, from: [{namespaces: {matchLabels: {team: ops}}}]}
                """);
        assertThat(allows(a, "shop/web", "shop/api", TCP, 9090)).isFalse();
        // passed by Admin, no NetworkPolicy, denied by Baseline
        assertThat(allows(a, "ops/probe", "shop/api", TCP, 9090)).isFalse();
        // the Admin policy does not select web; the Baseline deny covers only ops
        assertThat(allows(a, "shop/api", "shop/web", TCP, 8080)).isTrue();
    }
}
