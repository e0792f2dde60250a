package io.netspec.features.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.ClusterDns;
import io.netspec.features.SpecInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {

    static Workload workload(String kind, String ns, String name, Map<String, String> labels) {
        return new Workload(
                kind,
                kind,
                ns,
                name,
                labels,
                Optional.empty(),
                List.of(new ContainerPort("http", 8080, Protocol.TCP, "main")),
                false,
                1,
                "",
                Map.of(),
                List.of(),
                List.of(),
                new SourceRef("shop.yaml", 1));
    }

    private static final Cluster SHOP = Cluster.builder()
            .namespaces(List.of(
                    new NamespaceFact("shop-backend", Map.of("team", "checkout"), Map.of(), true, SourceRef.UNKNOWN)))
            .workloads(List.of(
                    workload("Deployment", "shop-backend", "api", Map.of("app", "api", "tier", "backend")),
                    workload("Deployment", "shop-backend", "worker", Map.of("app", "worker", "tier", "backend")),
                    workload("StatefulSet", "shop-data", "postgres", Map.of("app", "postgres")),
                    workload("Deployment", "shop-frontend", "web", Map.of("app", "web"))))
            .services(List.of(
                    new ServiceFact(
                            "shop-data",
                            "postgres",
                            "ClusterIP",
                            Optional.of(Map.of("app", "postgres")),
                            List.of(new ServicePort("pg", 5432, Protocol.TCP, PortRef.named("postgres"), 0)),
                            false,
                            "",
                            Map.of(),
                            SourceRef.UNKNOWN),
                    new ServiceFact(
                            "shop-data",
                            "orphan",
                            "ClusterIP",
                            Optional.of(Map.of("app", "gone")),
                            List.of(),
                            false,
                            "",
                            Map.of(),
                            SourceRef.UNKNOWN)))
            .build();

    private final Resolver resolver = new Resolver(
            SHOP,
            () -> List.of(Endpoint.External.INTERNET),
            () -> List.of(new Endpoint.External(0, 0x0AFF_FFFFL), new Endpoint.External(0x0B00_0000L, 0xFFFF_FFFFL)));

    private Resolved resolve(String text) {
        return resolver.resolve(Reference.parse(text));
    }

    private static List<String> ids(Resolved r) {
        return r.targets().stream().map(Object::toString).toList();
    }

    @Test
    void findsWorkloadsByKindByNameAndByLabels() {
        assertThat(ids(resolve("deployment \"api\" in \"shop-backend\"")))
                .containsExactly("shop-backend/api[Deployment]");
        assertThat(ids(resolve("workload \"shop-data/postgres\""))).containsExactly("shop-data/postgres[StatefulSet]");
        assertThat(ids(resolve("pods labelled \"tier=backend\" in \"shop-backend\"")))
                .containsExactly("shop-backend/api[Deployment]", "shop-backend/worker[Deployment]");
        assertThat(ids(resolve("pods labelled \"app=web\" in any namespace")))
                .containsExactly("shop-frontend/web[Deployment]");
    }

    @Test
    void aServiceStandsForThePodsItSelects() {
        Resolved postgres = resolve("service \"postgres\" in \"shop-data\"");
        assertThat(ids(postgres)).containsExactly("shop-data/postgres[StatefulSet]");
        assertThat(postgres.service()).isPresent();
        assertThat(resolve("service \"orphan\" in \"shop-data\"").targets()).isEmpty();
    }

    @Test
    void externalReferencesCoverTheOverlappingRanges() {
        Resolved internet = resolve("the internet");
        assertThat(internet.anyOf()).isTrue();
        assertThat(internet.targets()).hasSize(2);
        Resolved tenNet = resolve("cidr \"10.0.0.0/8\"");
        assertThat(tenNet.anyOf()).isFalse();
        assertThat(ids(tenNet)).containsExactly("0.0.0.0-10.255.255.255[External]");
        Resolved asSource = resolver.resolve(Reference.parse("cidr \"10.0.0.0/8\""), Resolver.Role.SOURCE);
        assertThat(ids(asSource)).containsExactly("0.0.0.0-255.255.255.255[External]");
    }

    @Test
    void aMisspeltNameSuggestsTheClosestOne() {
        assertThatThrownBy(() -> resolve("deployment \"apii\" in \"shop-backend\""))
                .isInstanceOf(SpecInputException.class)
                .hasMessage("no deployment \"apii\" in \"shop-backend\"; did you mean \"api\"?");
    }

    @Test
    void theRightNameOfTheWrongKindIsNamed() {
        assertThatThrownBy(() -> resolve("deployment \"postgres\" in \"shop-data\""))
                .hasMessage(
                        "no deployment \"postgres\" in \"shop-data\"; there is statefulset \"postgres\" in \"shop-data\"");
    }

    @Test
    void aNameInAnotherNamespaceIsPointedTo() {
        assertThatThrownBy(() -> resolve("deployment \"web\" in \"shop-backend\""))
                .hasMessageContaining("deployments in \"shop-backend\": api, worker")
                .hasMessageContaining("deployment \"web\" exists in namespace \"shop-frontend\"");
    }

    @Test
    void aMisspeltNamespaceSuggestsSimilarOnes() {
        assertThatThrownBy(() -> resolve("deployment \"api\" in \"shop-backnd\""))
                .hasMessage("no namespace \"shop-backnd\" in the manifests; did you mean \"shop-backend\"?");
        assertThatThrownBy(() -> resolve("deployment \"api\" in \"zzz\""))
                .hasMessage(
                        "no namespace \"zzz\" in the manifests; namespaces: shop-backend, shop-data, shop-frontend");
    }

    @Test
    void labelsThatMatchNothingShowTheClosestLabels() {
        assertThatThrownBy(() -> resolve("pods labelled \"app=wroker\" in \"shop-backend\""))
                .hasMessage(
                        "no pods labelled \"app=wroker\" in namespace \"shop-backend\"; closest labels there: app=worker");
    }

    @Test
    void anUnknownServiceListsTheServicesThere() {
        assertThatThrownBy(() -> resolve("service \"postgress\" in \"shop-data\""))
                .hasMessage("no service \"postgress\" in \"shop-data\"; did you mean \"postgres\"?");
    }

    /** Without a namespace, a name stands for the one namespace that has it; in two, the spec must say which. */
    @Test
    void aReferenceWithoutANamespaceFindsTheOneThatHasIt() {
        assertThat(ids(resolve("deployment \"api\""))).containsExactly("shop-backend/api[Deployment]");
        assertThat(ids(resolve("StatefulSet \"postgres\""))).containsExactly("shop-data/postgres[StatefulSet]");
        Resolved postgres = resolve("service \"postgres\"");
        assertThat(ids(postgres)).containsExactly("shop-data/postgres[StatefulSet]");
        assertThat(postgres.service()).isPresent();
        assertThat(postgres.text()).isEqualTo("service \"postgres\"");
        assertThatThrownBy(() -> resolve("deployment \"wrker\""))
                .hasMessage("no deployment \"wrker\" in any namespace; did you mean \"worker\" in \"shop-backend\"?");
        assertThatThrownBy(() -> resolve("deployment \"postgres\""))
                .hasMessage("no deployment \"postgres\" in any namespace; there is statefulset \"postgres\" in"
                        + " \"shop-data\"");
        assertThatThrownBy(() -> resolve("service \"postgress\""))
                .hasMessage("no service \"postgress\" in any namespace; did you mean \"postgres\" in \"shop-data\"?");

        Cluster twice = Cluster.builder()
                .workloads(List.of(
                        workload("Deployment", "shop", "api", Map.of("app", "api")),
                        workload("Deployment", "staging", "api", Map.of("app", "api"))))
                .build();
        Resolver both = new Resolver(twice, List::of, List::of);
        assertThatThrownBy(() -> both.resolve(Reference.parse("deployment \"api\"")))
                .isInstanceOf(SpecInputException.class)
                .hasMessage("deployment \"api\" is in 2 namespaces (shop, staging): write deployment \"api\" in"
                        + " \"shop\"");
    }

    @Test
    void aNamespaceIsEveryWorkloadInIt() {
        assertThat(ids(resolve("namespace \"shop-backend\"")))
                .containsExactly("shop-backend/api[Deployment]", "shop-backend/worker[Deployment]");
        assertThat(ids(resolve("pods in \"shop-backend\""))).hasSize(2);
        assertThatThrownBy(() -> resolve("namespace \"shop-backnd\""))
                .hasMessage("no namespace \"shop-backnd\" in the manifests; did you mean \"shop-backend\"?");
    }

    /** The cluster DNS is where the dns-egress-blocked parameters say: its Service if there, else its pods. */
    @Test
    void theClusterDnsIsItsServiceOrItsPods() {
        Cluster withService = Cluster.builder()
                .workloads(List.of(workload("Deployment", "kube-system", "coredns", Map.of("k8s-app", "kube-dns"))))
                .services(List.of(new ServiceFact(
                        "kube-system",
                        "kube-dns",
                        "ClusterIP",
                        Optional.of(Map.of("k8s-app", "kube-dns")),
                        List.of(new ServicePort("dns", 53, Protocol.UDP, PortRef.number(53), 0)),
                        false,
                        "",
                        Map.of(),
                        SourceRef.UNKNOWN)))
                .build();
        Resolved dns = new Resolver(withService, List::of, List::of).resolve(Reference.parse("kube-dns"));
        assertThat(ids(dns)).containsExactly("kube-system/coredns[Deployment]");
        assertThat(dns.service()).isPresent();
        assertThat(dns.text()).isEqualTo("the cluster DNS");

        Cluster podsOnly = Cluster.builder()
                .workloads(List.of(
                        workload("Deployment", "dns-system", "coredns", Map.of("app", "coredns")),
                        workload("Deployment", "kube-system", "other", Map.of("app", "coredns"))))
                .build();
        Resolver configured = new Resolver(
                podsOnly, List::of, List::of, new ClusterDns.Target("dns-system", "dns", Map.of("app", "coredns")));
        Resolved pods = configured.resolve(Reference.parse("the cluster DNS"));
        assertThat(ids(pods)).containsExactly("dns-system/coredns[Deployment]");
        assertThat(pods.service()).isEmpty();

        assertThatThrownBy(() -> new Resolver(podsOnly, List::of, List::of).resolve(Reference.parse("DNS")))
                .isInstanceOf(SpecInputException.class)
                .hasMessage("no cluster DNS in the manifests: neither service \"kube-dns\" in \"kube-system\" nor pods"
                        + " labelled k8s-app=kube-dns there (the parameters of rule dns-egress-blocked in .netspec.yaml"
                        + " say where it runs)");
    }
}
