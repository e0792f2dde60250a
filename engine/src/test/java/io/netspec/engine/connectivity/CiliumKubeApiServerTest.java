package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.NetworkPlugin;
import org.junit.jupiter.api.Test;

/**
 * Cilium's {@code kube-apiserver} entity: the addresses of the {@code default/kubernetes} EndpointSlice (or legacy
 * Endpoints) of the input. Without one the entity stays undecided, with a warning saying what is missing.
 */
class CiliumKubeApiServerTest {

    private static final String POD = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: cart, namespace: shop, labels: {app: cart}}
            spec: {nodeName: n1, containers: [{name: c}]}
            status: {podIP: 10.1.0.5}
            ---
            """;

    private static final String SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: kubernetes
              namespace: default
              labels: {kubernetes.io/service-name: kubernetes}
            addressType: IPv4
            endpoints:
              - addresses: [198.51.100.7]
            ports: [{name: https, port: 6443, protocol: TCP}]
            ---
            """;

    private static final String LEGACY_ENDPOINTS = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: kubernetes, namespace: default}
            subsets:
              - addresses: [{ip: 198.51.100.7}]
                ports: [{name: https, port: 6443}]
            ---
            """;

    /** Egress default deny for the pod, and an allow to the API server only. */
    private static final String ALLOW = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: only-api, namespace: shop}
            spec:
              endpointSelector: {matchLabels: {app: cart}}
              egress:
                - toEntities: [kube-apiserver]
            ---
            """;

    /** Everything allowed, the API server denied. */
    private static final String DENY = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: all-but-api, namespace: shop}
            spec:
              endpointSelector: {}
              egress: [{toEntities: [all]}]
              egressDeny: [{toEntities: [kube-apiserver]}]
            ---
            """;

    private static ConnectivityAnalysis analyse(String objects) {
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CILIUM))
                .loadString(POD + objects, "c.yaml");
        assertThat(r.errors()).isEmpty();
        return ConnectivityAnalysis.of(r.cluster());
    }

    private static boolean reaches(ConnectivityAnalysis a, String address) {
        return a.allowed(EndpointRef.resolve(a.cluster(), "shop/cart"), EndpointRef.resolve(a.cluster(), address))
                .contains(TCP, 6443);
    }

    private static boolean warnsApiServerMissing(ConnectivityAnalysis a) {
        return a.problems().stream()
                .anyMatch(p -> p.toString().contains("kube-apiserver")
                        && p.toString().contains("no default/kubernetes EndpointSlice or Endpoints"));
    }

    @Test
    void toEntitiesKubeApiServerAllowsTheEndpointSliceAddressesOnly() {
        ConnectivityAnalysis a = analyse(SLICE + ALLOW);
        assertThat(reaches(a, "198.51.100.7")).isTrue();
        assertThat(reaches(a, "198.51.100.8")).isFalse();
        assertThat(a.problems()).noneMatch(p -> p.toString().contains("kube-apiserver"));
    }

    @Test
    void legacyEndpointsGiveTheSameAddresses() {
        ConnectivityAnalysis a = analyse(LEGACY_ENDPOINTS + ALLOW);
        assertThat(reaches(a, "198.51.100.7")).isTrue();
        assertThat(reaches(a, "198.51.100.8")).isFalse();
    }

    @Test
    void egressDenyKubeApiServerWinsOverAllAndLeavesTheWorld() {
        ConnectivityAnalysis a = analyse(SLICE + DENY);
        assertThat(reaches(a, "198.51.100.7")).isFalse();
        assertThat(reaches(a, "192.0.2.10")).isTrue();
    }

    @Test
    void worldStillMatchesAnApiServerOutsideTheCluster() {
        ConnectivityAnalysis a = analyse(SLICE + """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: world, namespace: shop}
                spec:
                  endpointSelector: {}
                  egress: [{toEntities: [world]}]
                ---
                """);
        assertThat(reaches(a, "198.51.100.7")).isTrue();
    }

    @Test
    void withoutTheEndpointSliceTheEntityStaysUndecidedAndSaysWhatIsMissing() {
        ConnectivityAnalysis allow = analyse(ALLOW);
        assertThat(reaches(allow, "198.51.100.7")).isFalse();
        assertThat(warnsApiServerMissing(allow)).isTrue();
        // another service's slice in default does not stand for the API server
        ConnectivityAnalysis other = analyse(SLICE.replace("service-name: kubernetes", "service-name: web") + ALLOW);
        assertThat(reaches(other, "198.51.100.7")).isFalse();
        assertThat(warnsApiServerMissing(other)).isTrue();
    }

    @Test
    void anAddressThatIsAPodIpIsNotTakenForAnOutsideAddress() {
        ConnectivityAnalysis a = analyse(SLICE.replace("198.51.100.7", "10.1.0.5") + DENY);
        assertThat(a.problems())
                .anySatisfy(p ->
                        assertThat(p.toString()).contains("kube-apiserver address 10.1.0.5", "pod IP of shop/cart"));
    }

    @Test
    void anInvalidAddressIsALoadErrorWithItsLine() {
        LoadResult r = new ManifestLoader(LoadOptions.DEFAULTS.withPlugin(NetworkPlugin.CILIUM))
                .loadString(SLICE.replace("198.51.100.7", "198.51.100.300"), "s.yaml");
        assertThat(r.errors())
                .singleElement()
                .satisfies(p -> assertThat(p.toString())
                        .startsWith("s.yaml:9: EndpointSlice default/kubernetes: endpoints[0].addresses:")
                        .contains("\"198.51.100.300\" is not an IP address"));
        LoadResult legacy = new ManifestLoader().loadString(LEGACY_ENDPOINTS.replace("198.51.100.7", "api"), "e.yaml");
        assertThat(legacy.errors())
                .extracting(LoadProblem::toString)
                .anyMatch(t -> t.startsWith("e.yaml:5: Endpoints default/kubernetes: subsets[0].addresses[0].ip:"));
    }

    @Test
    void otherEndpointSlicesAndEndpointsAreStillListedAsNotAnalysed() {
        LoadResult r = new ManifestLoader().loadString("""
                        apiVersion: discovery.k8s.io/v1
                        kind: EndpointSlice
                        metadata: {name: web-abc12, namespace: shop, labels: {kubernetes.io/service-name: web}}
                        addressType: IPv4
                        endpoints: [{addresses: [not-checked]}]
                        ---
                        apiVersion: v1
                        kind: Endpoints
                        metadata: {name: web, namespace: shop}
                        subsets: [{addresses: [{ip: not-checked}]}]
                        """, "o.yaml");
        assertThat(r.problems()).isEmpty();
        assertThat(r.cluster().ignored())
                .extracting(
                        IgnoredObject::kind, IgnoredObject::apiVersion, IgnoredObject::namespace, IgnoredObject::name)
                .containsExactly(
                        tuple("EndpointSlice", "discovery.k8s.io/v1", "shop", "web-abc12"),
                        tuple("Endpoints", "v1", "shop", "web"));
        assertThat(r.cluster().kubeApiServerEndpoints()).isEmpty();
    }
}
