package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ConfigRef;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.ServiceReferences;
import io.netspec.engine.rules.ServiceReferences.Form;
import io.netspec.engine.rules.ServiceReferences.Reference;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ServiceReferencesTest {

    @Test
    void findsEveryQualifiedForm() {
        assertThat(ServiceReferences.in("db.data"))
                .containsExactly(new Reference("db", "data", 0, Form.SHORT, "db.data"));
        assertThat(ServiceReferences.in("db.data.svc:5432"))
                .containsExactly(new Reference("db", "data", 5432, Form.SVC, "db.data.svc:5432"));
        assertThat(ServiceReferences.in("db.data.svc.cluster.local"))
                .extracting(Reference::form)
                .containsExactly(Form.FQDN);
        assertThat(ServiceReferences.in("db.data.svc.cluster.local.:6379"))
                .extracting(Reference::service, Reference::namespace, Reference::port)
                .containsExactly(Tuple.tuple("db", "data", 6379));
    }

    @Test
    void findsReferencesInsideUrlsAndProperties() {
        assertThat(ServiceReferences.in("postgres://user@db.data.svc:5432/x"))
                .extracting(Reference::service, Reference::namespace, Reference::port)
                .containsExactly(Tuple.tuple("db", "data", 5432));
        assertThat(ServiceReferences.in("spring.datasource.url=jdbc:postgresql://warehouse.data:5433/metrics"))
                .extracting(Reference::text)
                .containsExactly("warehouse.data:5433");
        assertThat(ServiceReferences.in("--brokers=kafka-0.kafka-headless.streaming.svc.cluster.local:9092,"
                        + "kafka.streaming.svc:9092"))
                .extracting(Reference::service, Reference::namespace, Reference::form)
                .containsExactly(
                        Tuple.tuple("kafka-headless", "streaming", Form.POD),
                        Tuple.tuple("kafka", "streaming", Form.SVC));
    }

    @Test
    void ignoresWhatIsNotAServiceName() {
        assertThat(ServiceReferences.in("redis")).isEmpty();
        assertThat(ServiceReferences.in("https://api.stripe.com/v1")).isEmpty();
        assertThat(ServiceReferences.in("10.0.0.1:5432")).isEmpty();
        assertThat(ServiceReferences.in("db.data.svc.example.org")).isEmpty();
        assertThat(ServiceReferences.in("Postgres.Data")).isEmpty();
        assertThat(ServiceReferences.in("spring.jpa.open-in-view=false")).isEmpty();
        assertThat(ServiceReferences.in("db.data:99999")).isEmpty();
        assertThat(ServiceReferences.in("kafka-0.kafka.streaming.svc.example.org"))
                .isEmpty();
    }

    @Test
    void reportsUnknownServicesAndPortsOnlyInKnownNamespaces() {
        Workload w = workload(
                List.of(
                        "http://inventory.shop.svc:8080/api",
                        "example.com",
                        "billing.finance.svc:80",
                        "http://catalog.shop:9000",
                        "catalog.shop:80",
                        "https://kubernetes.default.svc.cluster.local:443"),
                List.of("settings"));
        ServiceFact catalog = new ServiceFact(
                "shop",
                "catalog",
                "ClusterIP",
                Optional.of(Map.of("app", "catalog")),
                List.of(new ServicePort("http", 80, Protocol.TCP, PortRef.number(8080), 0)),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        ConfigMapFact settings = new ConfigMapFact(
                "shop", "settings", Map.of("CACHE", "redis.shop.svc.cluster.local"), SourceRef.UNKNOWN);
        Cluster cluster = Cluster.builder()
                .namespaces(List.of(
                        new NamespaceFact("shop", Map.of(), Map.of(), true, SourceRef.UNKNOWN),
                        new NamespaceFact("default", Map.of(), Map.of(), true, SourceRef.UNKNOWN)))
                .workloads(List.of(w))
                .services(List.of(catalog))
                .configMaps(List.of(settings))
                .build();

        assertThat(ServiceReferences.unknownIn(cluster, w))
                .extracting(
                        u -> u.reference().text(),
                        ServiceReferences.Unknown::problem,
                        ServiceReferences.Unknown::origin)
                .containsExactly(
                        Tuple.tuple(
                                "inventory.shop.svc:8080", "no service inventory exists in namespace shop", "env/args"),
                        Tuple.tuple("catalog.shop:9000", "service shop/catalog has no port 9000", "env/args"),
                        Tuple.tuple(
                                "redis.shop.svc.cluster.local",
                                "no service redis exists in namespace shop",
                                "configmap settings key CACHE"));
    }

    @Test
    void reportsABareServiceNameOnlyWithAPortItsServiceLacks() {
        Workload w = workload(
                List.of(
                        "REDIS_ADDR=catalog:9000",
                        "catalog:80",
                        "catalog",
                        "cache:6380",
                        "http://catalog.shop:9000",
                        "billing:81"),
                List.of());
        ServiceFact catalog = new ServiceFact(
                "shop",
                "catalog",
                "ClusterIP",
                Optional.of(Map.of("app", "catalog")),
                List.of(new ServicePort("http", 80, Protocol.TCP, PortRef.number(8080), 0)),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        ServiceFact billing = new ServiceFact(
                "finance",
                "billing",
                "ClusterIP",
                Optional.of(Map.of("app", "billing")),
                List.of(new ServicePort("http", 80, Protocol.TCP, PortRef.number(8080), 0)),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        Cluster cluster = Cluster.builder()
                .namespaces(List.of(new NamespaceFact("shop", Map.of(), Map.of(), true, SourceRef.UNKNOWN)))
                .workloads(List.of(w))
                .services(List.of(catalog, billing))
                .build();

        assertThat(ServiceReferences.unknownIn(cluster, w))
                .as("once for catalog:9000 (its qualified form is the same reference); not the right port, no port, "
                        + "a word naming no Service, a Service of another namespace")
                .extracting(u -> u.reference().text(), u -> u.reference().form(), ServiceReferences.Unknown::problem)
                .containsExactly(Tuple.tuple("catalog:9000", Form.BARE, "service shop/catalog has no port 9000"));
    }

    @Test
    void callsAreQualifiedReferencesOrBareServiceNamesOfTheSameNamespace() {
        Workload w = workload(
                List.of(
                        "--catalog-endpoint=http://catalog:80/v1",
                        "redis.cache.svc.cluster.local:6379",
                        "mode=worker",
                        "http://catalog.shop:80"),
                List.of());
        ServiceFact catalog = new ServiceFact(
                "shop",
                "catalog",
                "ClusterIP",
                Optional.of(Map.of("app", "catalog")),
                List.of(new ServicePort("http", 80, Protocol.TCP, PortRef.named("http"), 0)),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        ServiceFact redis = new ServiceFact(
                "cache",
                "redis",
                "ClusterIP",
                Optional.of(Map.of("app", "redis")),
                List.of(new ServicePort("", 6379, Protocol.TCP, PortRef.number(6379), 0)),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        ServiceFact worker = new ServiceFact(
                "jobs",
                "worker",
                "ClusterIP",
                Optional.of(Map.of("app", "worker")),
                List.of(),
                false,
                "",
                Map.of(),
                SourceRef.UNKNOWN);
        Cluster cluster = Cluster.builder()
                .workloads(List.of(w))
                .services(List.of(catalog, redis, worker))
                .build();

        assertThat(ServiceReferences.callsIn(cluster, w))
                .extracting(c -> c.service().id(), ServiceReferences.Call::port)
                .containsExactly(Tuple.tuple("shop/catalog[Service]", 80), Tuple.tuple("cache/redis[Service]", 6379));
    }

    @Test
    void documentsAreNotCallSites() {
        assertThat(ServiceReferences.addressPart("http://prometheus.monitoring.svc:9090"))
                .contains("http://prometheus.monitoring.svc:9090");
        assertThat(ServiceReferences.addressPart("--alertmanager.url=http://alertmanager.monitoring.svc:9093"))
                .contains("http://alertmanager.monitoring.svc:9093");
        assertThat(ServiceReferences.addressPart("kafka-0.kafka.streaming.svc:9092,kafka-1.kafka.streaming.svc:9092"))
                .isPresent();
        assertThat(ServiceReferences.addressPart("user:secret@tcp(mysql.data.svc:3306)/orders"))
                .isPresent();
        assertThat(ServiceReferences.addressPart("{\"url\": \"http://prometheus.monitoring.svc:9090\"}"))
                .isEmpty();
        assertThat(ServiceReferences.addressPart("scrape_configs:\n  - targets: ['api.shop.svc:8080']"))
                .isEmpty();
        assertThat(ServiceReferences.addressPart("sum(rate(http_requests_total{service=\"api.shop\"}[5m]))"))
                .isEmpty();
        assertThat(ServiceReferences.addressPart("until nc -z db.data.svc 5432; do sleep 1; done"))
                .isEmpty();
    }

    @Test
    void creditsOnlyTheKeysTheWorkloadReads() {
        ConfigMapFact cm = new ConfigMapFact(
                "shop",
                "settings",
                Map.of(
                        "DB",
                        "db.shop.svc:5432",
                        "OTHER",
                        "ghost.shop.svc:80",
                        "dashboard.json",
                        "{\"datasource\": \"http://nope.shop.svc\"}",
                        "grafana.ini",
                        "ghost2.shop.svc:3000"),
                SourceRef.UNKNOWN);
        Workload w = new Workload(
                "Deployment",
                "Deployment",
                "shop",
                "api",
                Map.of("app", "api"),
                Optional.empty(),
                List.of(),
                false,
                1,
                "",
                Map.of(),
                List.of(),
                List.of(
                        new ConfigRef("settings", List.of("DB"), ConfigRef.Use.ENV),
                        new ConfigRef("settings", List.of("dashboard.json", "grafana.ini"), ConfigRef.Use.FILE)),
                SourceRef.UNKNOWN);
        Cluster cluster = Cluster.builder()
                .namespaces(List.of(new NamespaceFact("shop", Map.of(), Map.of(), true, SourceRef.UNKNOWN)))
                .workloads(List.of(w))
                .configMaps(List.of(cm))
                .build();

        assertThat(ServiceReferences.unknownIn(cluster, w))
                .as("the key read by configMapKeyRef and the mounted item; not OTHER, not the JSON document")
                .extracting(ServiceReferences.Unknown::value, ServiceReferences.Unknown::origin)
                .containsExactly(
                        Tuple.tuple("db.shop.svc:5432", "configmap settings key DB"),
                        Tuple.tuple("ghost2.shop.svc:3000", "configmap settings file grafana.ini"));
    }

    private static Workload workload(List<String> values, List<String> configMaps) {
        return new Workload(
                "Deployment",
                "Deployment",
                "shop",
                "checkout",
                Map.of("app", "checkout"),
                Optional.empty(),
                List.of(),
                false,
                1,
                "",
                Map.of(),
                values,
                configMaps.stream()
                        .map(n -> new ConfigRef(n, List.of(), ConfigRef.Use.ENV))
                        .toList(),
                SourceRef.UNKNOWN);
    }
}
