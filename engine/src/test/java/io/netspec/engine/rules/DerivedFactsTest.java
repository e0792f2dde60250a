package io.netspec.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.facts.Backs;
import io.netspec.engine.rules.facts.ConfiguredCall;
import io.netspec.engine.rules.facts.IngressRoute;
import io.netspec.engine.rules.facts.UnresolvedNamedPort;
import io.netspec.engine.rules.facts.UnresolvedTargetPort;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The derived facts on real manifests (src/test/resources/rules/derived/shop.yaml). */
class DerivedFactsTest {

    static Cluster cluster;
    static List<Object> facts;

    static Cluster load() {
        LoadResult loaded = new ManifestLoader().load(List.of(Path.of("src/test/resources/rules/derived/shop.yaml")));
        assertThat(loaded.hasErrors()).as("manifest loads").isFalse();
        return loaded.cluster();
    }

    @BeforeAll
    static void derive() {
        cluster = load();
        facts = DerivedFacts.of(cluster, Network.of(cluster));
    }

    static <T> List<String> of(Class<T> type, Function<T, String> text) {
        return facts.stream().filter(type::isInstance).map(type::cast).map(text).toList();
    }

    @Test
    void backsResolvesNamedAndNumericTargetPorts() {
        assertThat(of(
                        Backs.class,
                        b -> b.service().name() + ":" + b.servicePort().port() + " -> "
                                + b.workload().name()
                                + " " + b.containerPort().name() + "/"
                                + b.containerPort().port() + "/"
                                + b.containerPort().protocol()
                                + (b.declared() ? " declared" : " undeclared")))
                .containsExactly(
                        "web:80 -> web http/8080/TCP declared",
                        "web:81 -> web http/8080/TCP declared",
                        "web:9090 -> web /9090/TCP undeclared",
                        "db:5432 -> db postgres/5432/TCP declared",
                        "tool:80 -> tool /80/TCP undeclared");
    }

    @Test
    void unresolvedTargetPortForAMissingNameOrProtocol() {
        assertThat(of(
                        UnresolvedTargetPort.class,
                        u -> u.service().name() + ":" + u.servicePort().port() + "/"
                                + u.servicePort().protocol() + " on "
                                + u.workload().name()))
                .containsExactly("web:8443/TCP on web", "web:5353/UDP on web");
    }

    @Test
    void unresolvedNamedPortLooksAtSelectedPodsForIngressAndPeersForEgress() {
        assertThat(of(
                        UnresolvedNamedPort.class,
                        u -> u.policy().name() + " " + u.rule().direction() + " rule "
                                + u.rule().index() + " port " + u.port().port().name()))
                .containsExactly("web-in INGRESS rule 1 port grpc", "db-in EGRESS rule 0 port admin");
    }

    @Test
    void ingressRouteOnlyForBackendsThatNameAService() {
        assertThat(of(
                        IngressRoute.class,
                        r -> r.ingress().name() + " " + r.backend().path() + " -> "
                                + r.service().id()))
                .containsExactly("front / -> shop/web[Service]");
    }

    @Test
    void configuredCallsFromEnvArgsAndConfigMapsByDnsName() {
        // ServiceReferences is the one parser: JDBC URLs and StatefulSet pod names count too
        // (ServiceReferencesTest covers the forms), and each derived fact is one of its calls. The value
        // is the address as written, never the whole configuration value.
        assertThat(of(
                        ConfiguredCall.class,
                        c -> c.client().name() + " -> " + c.service().id() + " port " + c.port() + " (" + c.value()
                                + ")"))
                .containsExactlyInAnyOrder(
                        "client -> shop/db[Service] port 5432 (db.shop:5432)",
                        "client -> shop/db[Service] port 0 (db.shop.svc)",
                        "client -> shop/db[Service] port 5433 (db-0.db.shop.svc.cluster.local:5433)",
                        "client -> shop/web[Service] port 80 (web.shop.svc.cluster.local:80)",
                        "client -> shop/web[Service] port 0 (web)",
                        "client -> ops/tool[Service] port 0 (tool.ops.svc)");
        Workload client = cluster.workloads().stream()
                .filter(w -> w.name().equals("client"))
                .findFirst()
                .orElseThrow();
        assertThat(of(ConfiguredCall.class, c -> c.service().id() + ":" + c.port() + " " + c.value()))
                .containsExactlyElementsOf(ServiceReferences.callsIn(cluster, client).stream()
                        .map(c -> c.service().id() + ":" + c.port() + " " + c.value())
                        .toList());
    }
}
