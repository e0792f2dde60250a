package io.netspec.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.load.live.ClusterException;
import io.netspec.engine.load.live.ClusterRequest;
import io.netspec.engine.load.live.ClusterSource;
import io.netspec.engine.load.live.Denied;
import io.netspec.engine.load.live.LiveCluster;
import io.netspec.engine.load.live.LiveLoader;
import io.netspec.engine.load.live.LiveResult;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.Workload;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveReadTest {

    static final Path SHOP = Path.of("../examples/shop");

    @TempDir
    Path dir;

    MockCluster mock;
    Path kubeconfig;

    @BeforeEach
    void start() {
        mock = new MockCluster();
        kubeconfig = mock.writeKubeconfig(dir);
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    private ClusterRequest request() {
        return ClusterRequest.of(Optional.of(kubeconfig), Optional.empty(), Optional.empty())
                .withRetries(0)
                .withTimeout(Duration.ofSeconds(5));
    }

    private LiveResult read(ClusterRequest request) throws ClusterException {
        try (LiveCluster live = new Fabric8Source().connect(request)) {
            return LiveLoader.load(live, LoadOptions.DEFAULTS, p -> {});
        }
    }

    private static List<String> reach(Cluster c) {
        return ConnectivityAnalysis.of(c)
                .reach()
                .map(r -> r.source().id() + " => " + r.destination().id() + " : " + r.connections())
                .sorted()
                .toList();
    }

    @Test
    void theShopReadFromAClusterHasTheReachOfItsFiles() throws ClusterException {
        List<String> notSeeded = mock.seed(SHOP);
        LoadResult files = new ManifestLoader().load(List.of(SHOP));

        LiveResult live = read(request().withPageSize(3)); // small pages: every kind with more than 3 objects pages

        assertThat(notSeeded)
                .doesNotContain(
                        "Deployment", "StatefulSet", "Service", "NetworkPolicy", "Namespace", "Ingress", "ConfigMap");
        assertThat(live.load().hasErrors())
                .as(live.load().problems().toString())
                .isFalse();
        assertThat(live.incomplete()).isFalse();
        assertThat(live.context()).isEqualTo("mock");
        Cluster c = live.load().cluster();
        assertThat(reach(c)).isNotEmpty().isEqualTo(reach(files.cluster()));
        assertThat(c.workloads())
                .extracting(Workload::id)
                .containsExactlyInAnyOrderElementsOf(
                        files.cluster().workloads().stream().map(Workload::id).toList());
        assertThat(c.workloads()).allSatisfy(w -> assertThat(w.source().file()).startsWith("cluster:mock/"));
        assertThat(c.workloads()).allSatisfy(w -> assertThat(w.source().line()).isZero());
        Workload worker = c.workloads().stream()
                .filter(w -> w.name().equals("worker"))
                .findFirst()
                .orElseThrow();
        assertThat(worker.source().toString()).isEqualTo("cluster:mock/Deployment/shop-backend/worker");
        assertThat(mock.requests()).anyMatch(p -> p.startsWith("GET ") && p.contains("continue="));
        assertThat(mock.requests()).noneMatch(p -> p.contains("/secrets"));
    }

    @Test
    void configMapsAreGotByNameAndOnlyThoseWorkloadsReferTo() throws ClusterException {
        mock.seed(SHOP);
        mock.create(Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ConfigMap",
                "metadata",
                Map.of("name", "unrelated", "namespace", "shop-backend"),
                "data",
                Map.of("k", "v")));
        LiveResult live = read(request());

        List<String> referenced = new ArrayList<>();
        live.load()
                .cluster()
                .workloads()
                .forEach(w -> w.configMapRefs().forEach(ref -> referenced.add(w.namespace() + "/" + ref.configMap())));
        assertThat(live.load().cluster().configMaps())
                .extracting(cm -> cm.namespace() + "/" + cm.name())
                .isNotEmpty()
                .allMatch(referenced::contains)
                .doesNotContain("shop-backend/unrelated");
        assertThat(mock.requests())
                .filteredOn(p -> p.contains("configmaps"))
                .isNotEmpty()
                .allMatch(p -> p.matches("GET /api/v1/namespaces/[^/]+/configmaps/[^/?]+"));
        ConfigMapFact any = live.load().cluster().configMaps().get(0);
        assertThat(any.source().file()).startsWith("cluster:mock/ConfigMap/");
    }

    @Test
    void pagesThroughThousandsOfObjects() throws ClusterException {
        Map<String, Object> ns = Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "big"));
        mock.create(ns);
        int pods = 2100;
        for (int i = 0; i < pods; i++) {
            Map<String, Object> labels = new LinkedHashMap<>();
            labels.put("app", "p" + (i % 7));
            mock.create(Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Pod",
                    "metadata",
                    Map.of("name", "pod-" + i, "namespace", "big", "labels", labels),
                    "spec",
                    Map.of("containers", List.of(Map.of("name", "c", "image", "nginx")))));
        }
        LiveResult live = read(request().withPageSize(500));

        assertThat(live.load().cluster().workloads()).hasSize(pods);
        assertThat(mock.requests())
                .filteredOn(p -> p.startsWith("GET /api/v1/pods?"))
                .hasSize(5)
                .allMatch(p -> p.contains("limit=500"));
    }

    @Test
    void aForbiddenResourceIsNamedAndTheRestIsRead() throws ClusterException {
        mock.seed(SHOP);
        mock.failing("/apis/networking.k8s.io/v1/networkpolicies", 403);

        LiveResult live = read(request());

        assertThat(live.incomplete()).isTrue();
        assertThat(live.denied())
                .containsExactly(new Denied("list", "networkpolicies.networking.k8s.io", "all namespaces"));
        assertThat(live.denied().get(0).describe())
                .startsWith("forbidden: cannot list networkpolicies.networking.k8s.io in all namespaces");
        assertThat(live.load().cluster().policies()).isEmpty();
        assertThat(live.load().cluster().workloads()).isNotEmpty();
    }

    @Test
    void crdsNotInstalledAreAbsentNotErrors() throws ClusterException {
        mock.seed(SHOP);
        mock.failing("/apis/cilium.io/", 404)
                .failing("/apis/projectcalico.org/", 404)
                .failing("/apis/crd.projectcalico.org/", 404);

        LiveResult live = read(request());

        assertThat(live.absent())
                .contains(
                        "ciliumnetworkpolicies.cilium.io",
                        "ciliumclusterwidenetworkpolicies.cilium.io",
                        "networkpolicies.crd.projectcalico.org")
                .doesNotContain("networkpolicies.projectcalico.org");
        assertThat(live.incomplete()).isFalse();
        assertThat(live.load().hasErrors()).isFalse();
    }

    @Test
    void theCalicoApiServerIsPreferredToItsCrds() throws ClusterException {
        read(request());
        assertThat(mock.requests())
                .anyMatch(p -> p.startsWith("GET /apis/projectcalico.org/v3/networkpolicies"))
                .noneMatch(p -> p.contains("/apis/crd.projectcalico.org/"));
    }

    @Test
    void anExpiredTokenIsOneLine() {
        mock.rejectingCredentials();
        assertThatThrownBy(() -> read(request()))
                .isInstanceOf(ClusterException.class)
                .hasMessage("the API server at " + mock.url() + "/ rejected the credentials (401 Unauthorized):"
                        + " the token or certificate may have expired; log in again");
    }

    @Test
    void anUnknownContextNamesTheKnownOnes() {
        ClusterRequest r = ClusterRequest.of(Optional.of(kubeconfig), Optional.of("prod"), Optional.empty());
        assertThatThrownBy(() -> new Fabric8Source().connect(r))
                .isInstanceOf(ClusterException.class)
                .hasMessage("unknown context 'prod' in the kubeconfig; contexts: mock, other");
    }

    @Test
    void anotherContextIsNamedInTheSources() throws ClusterException {
        mock.seed(SHOP.resolve("namespaces.yaml"));
        LiveResult live = read(ClusterRequest.of(Optional.of(kubeconfig), Optional.of("other"), Optional.empty()));
        assertThat(live.context()).isEqualTo("other");
        assertThat(live.load().cluster().namespaces())
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.source().file()).startsWith("cluster:other/Namespace/"));
    }

    @Test
    void anUnreachableServerIsOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(kubeconfig, Files.readString(kubeconfig).replace(mock.url(), "http://127.0.0.1:" + port));
        assertThatThrownBy(() -> read(request()))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot reach the API server at http://127.0.0.1:" + port + "/");
    }

    @Test
    void aSlowServerTimesOut() {
        mock.slow("/api/v1/namespaces", Duration.ofSeconds(5));
        assertThatThrownBy(() -> read(request().withTimeout(Duration.ofMillis(700))))
                .isInstanceOf(ClusterException.class)
                .hasMessage("the API server at " + mock.url() + "/ did not answer within 0.7 s (--request-timeout)");
    }

    @Test
    void aNamespaceLimitsTheRead() throws ClusterException {
        mock.seed(SHOP);
        LiveResult live = read(ClusterRequest.of(Optional.of(kubeconfig), Optional.empty(), Optional.of("shop-backend"))
                .withRetries(0));
        assertThat(live.load().cluster().workloads())
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w.namespace()).isEqualTo("shop-backend"));
        assertThat(mock.requests())
                .anyMatch(p -> p.startsWith("GET /api/v1/namespaces/shop-backend/pods"))
                .noneMatch(p -> p.startsWith("GET /api/v1/pods"));
    }

    @Test
    void ownedPodsAndReplicaSetsFoldIntoTheirDeployment() throws ClusterException {
        mock.create(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "shop")));
        Map<String, Object> template = Map.of(
                "metadata",
                Map.of("labels", Map.of("app", "web")),
                "spec",
                Map.of(
                        "containers",
                        List.of(Map.of(
                                "name", "c", "image", "nginx", "ports", List.of(Map.of("containerPort", 8080))))));
        mock.create(Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                Map.of("name", "web", "namespace", "shop", "uid", "d-1"),
                "spec",
                Map.of("selector", Map.of("matchLabels", Map.of("app", "web")), "template", template)));
        mock.create(Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "ReplicaSet",
                "metadata",
                Map.of(
                        "name",
                        "web-7d9f",
                        "namespace",
                        "shop",
                        "labels",
                        Map.of("app", "web", "pod-template-hash", "7d9f"),
                        "ownerReferences",
                        List.of(Map.of(
                                "apiVersion",
                                "apps/v1",
                                "kind",
                                "Deployment",
                                "name",
                                "web",
                                "uid",
                                "d-1",
                                "controller",
                                true))),
                "spec",
                Map.of(
                        "selector",
                        Map.of("matchLabels", Map.of("app", "web", "pod-template-hash", "7d9f")),
                        "template",
                        template)));
        for (int i = 0; i < 2; i++) {
            mock.create(Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Pod",
                    "metadata",
                    Map.of(
                            "name",
                            "web-7d9f-" + i,
                            "namespace",
                            "shop",
                            "labels",
                            Map.of("app", "web", "pod-template-hash", "7d9f"),
                            "ownerReferences",
                            List.of(Map.of(
                                    "apiVersion",
                                    "apps/v1",
                                    "kind",
                                    "ReplicaSet",
                                    "name",
                                    "web-7d9f",
                                    "uid",
                                    "rs-1",
                                    "controller",
                                    true))),
                    "spec",
                    template.get("spec"),
                    "status",
                    Map.of("podIP", "10.244.0." + (10 + i), "podIPs", List.of(Map.of("ip", "10.244.0." + (10 + i))))));
        }

        LiveResult live = read(request());

        assertThat(live.load().problems()).noneMatch(p -> p.isError());
        assertThat(live.load().cluster().workloads()).extracting(Workload::id).containsExactly("shop/web[Deployment]");
        // the live pods' real addresses reach the model (status is kept when the object is turned into JSON)
        assertThat(live.load().cluster().workloads().get(0).podIps())
                .containsExactlyInAnyOrder("10.244.0.10", "10.244.0.11");
    }

    @Test
    void theSourceIsFoundThroughServiceLoader() {
        assertThat(ClusterSource.find()).get().isInstanceOf(Fabric8Source.class);
    }
}
