package io.netspec.engine.connectivity;

import static io.netspec.engine.model.Protocol.TCP;
import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.load.LoadResult;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.RouteFact;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** {@code {ingress-controller}} lines from Ingress and Route objects. */
class IngressControllerTest {

    private static final String APPS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}, {containerPort: 9000}, {containerPort: 53, protocol: UDP}]}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: c, ports: [{containerPort: 7000}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: web}
              ports: [{name: web, port: 80, targetPort: http}, {name: metrics, port: 9000}, {name: dns, port: 53, protocol: UDP}, {name: missing, port: 1234}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec:
              selector: {app: api}
              ports: [{port: 70, targetPort: 7000}]
            """;

    private static ConnectivityAnalysis analyse(String more) {
        LoadResult r = new ManifestLoader().loadString(APPS + "---\n" + more, "i.yaml");
        assertThat(r.errors()).isEmpty();
        return ConnectivityAnalysis.of(r.cluster());
    }

    private static String lines(ConnectivityAnalysis a) {
        return String.join(
                "\n",
                a.reach().map(Object::toString).filter(l -> l.startsWith("{")).toList());
    }

    @Test
    void gatewayApiRoutesExposeTheirServiceBackendsOnTheNamedPort() {
        ConnectivityAnalysis a = analyse("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: web, namespace: front}
                spec:
                  parentRefs: [{name: public, namespace: infra}]
                  rules:
                  - backendRefs: [{name: web, namespace: shop, port: 80}, {kind: InferencePool, group: x.io, name: llm}]
                  - backendRefs: [{name: web, namespace: shop, port: 80}]
                ---
                apiVersion: gateway.networking.k8s.io/v1alpha2
                kind: TCPRoute
                metadata: {name: api, namespace: shop}
                spec:
                  rules: [{backendRefs: [{name: api, port: 70}]}]
                """);
        assertThat(a.cluster().routes())
                .extracting(RouteFact::id, RouteFact::backendNamespace, RouteFact::services)
                .containsExactly(
                        Tuple.tuple("front/web[HTTPRoute]", "shop", List.of("web")),
                        Tuple.tuple("shop/api[TCPRoute]", "shop", List.of("api")));
        // web: only Service port 80 (target http = 8080), not 9000
        assertThat(lines(a)).isEqualTo("""
                {ingress-controller} => shop/api[Deployment] : TCP 7000
                {ingress-controller} => shop/web[Deployment] : TCP 8080""");
    }

    @Test
    void aRouteWithoutPortExposesEveryServicePortThatIsAContainerPort() {
        ConnectivityAnalysis a = analyse("""
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: web, namespace: shop}
                spec:
                  to: {kind: Service, name: web}
                  alternateBackends: [{kind: Service, name: api}, {kind: Service, name: nowhere}]
                """);
        assertThat(a.cluster().routes()).extracting(RouteFact::id).containsExactly("shop/web[Route]");
        // web: 8080 (named target port), 9000, 53 (declared as UDP, still a container port number); not 1234
        assertThat(lines(a)).isEqualTo("""
                {ingress-controller} => shop/api[Deployment] : TCP 7000
                {ingress-controller} => shop/web[Deployment] : TCP 53,8080,9000""");
        assertThat(a.hasIngressController()).isTrue();
        assertThat(a.workloadClassCount()).isEqualTo(2);
        Explanation e = a.explain(Endpoint.INGRESS_CONTROLLER, EndpointRef.resolve(a.cluster(), "shop/api"));
        assertThat(e.partFor(TCP, 7000).orElseThrow().allowed()).isTrue();
        assertThat(e.partFor(TCP, 7001).orElseThrow().reasons())
                .containsExactly("no Ingress or Route exposes these ports of shop/api[Deployment] (exposed: TCP 7000)");
    }

    @Test
    void ingressBackendsNameServicePortsAndPoliciesNarrowThem() {
        ConnectivityAnalysis a = analyse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec:
                  defaultBackend: {service: {name: api, port: {number: 70}}}
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: web}}}}
                      - {path: /m, pathType: Prefix, backend: {service: {name: web, port: {number: 9000}}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress:
                  - from: [{namespaceSelector: {}}]
                    ports: [{port: 8080}]
                  - from: [{podSelector: {}}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]
                """);
        // a pod selector without namespace selector stays in shop: it does not admit the controller
        assertThat(lines(a)).isEqualTo("{ingress-controller} => shop/web[Deployment] : TCP 8080");
        Endpoint web = EndpointRef.resolve(a.cluster(), "shop/web");
        Explanation e = a.explain(Endpoint.INGRESS_CONTROLLER, web);
        assertThat(e.allowed()).hasToString("TCP 8080");
        assertThat(e.notes())
                .containsExactly(
                        "exposed by shop/shop[Ingress] (i.yaml:41) on TCP 8080",
                        "exposed by shop/shop[Ingress] (i.yaml:42) on TCP 9000");
        // exposed, but the policy admits the controller on 8080 only
        assertThat(e.partFor(TCP, 9000).orElseThrow().deniedBy()).containsExactly(Direction.INGRESS);
        assertThat(e.render())
                .contains(
                        "egress: {ingress-controller} has no egress restrictions",
                        "ingress: allowed by shop/web-in ingress rule 1");
        assertThat(a.explain(web, Endpoint.INGRESS_CONTROLLER).allowed().isEmpty())
                .isTrue();
    }

    @Test
    void withoutIngressOrRouteThereIsNoController() {
        ConnectivityAnalysis a = analyse("{apiVersion: v1, kind: ConfigMap, metadata: {name: x, namespace: shop}}");
        assertThat(a.hasIngressController()).isFalse();
        assertThat(lines(a)).isEmpty();
        assertThat(a.endpoints()).doesNotContain(Endpoint.INGRESS_CONTROLLER);
        assertThat(a.explain(Endpoint.INGRESS_CONTROLLER, EndpointRef.resolve(a.cluster(), "shop/web"))
                        .render())
                .contains("no Ingress or Route objects");
    }

    /** explain --port: the asked port keeps a part of its own where the controller is refused, not the whole refused set. */
    @Test
    void aFocusedPortIsExplainedAloneWhereTheControllerIsRefused() {
        ConnectivityAnalysis a = analyse("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec: {defaultBackend: {service: {name: api, port: {number: 70}}}}
                """);
        Endpoint api = EndpointRef.resolve(a.cluster(), "shop/api");
        ConnectionSet port80 = ConnectionSet.single(TCP, 80);
        Explanation notExposed = a.explain(Endpoint.INGRESS_CONTROLLER, api, port80);
        assertThat(notExposed.partFor(TCP, 80).orElseThrow().connections()).isEqualTo(port80);
        assertThat(notExposed.partFor(TCP, 81).orElseThrow().connections())
                .isEqualTo(ConnectionSet.all()
                        .minus(ConnectionSet.single(TCP, 7000))
                        .minus(port80));
        assertThat(notExposed.partFor(TCP, 7000).orElseThrow().allowed()).isTrue();
        // the controller is never a destination: the refusal too names the asked port alone
        Explanation notGoverned = a.explain(api, Endpoint.INGRESS_CONTROLLER, port80);
        assertThat(notGoverned.partFor(TCP, 80).orElseThrow().connections()).isEqualTo(port80);
        assertThat(notGoverned.partFor(TCP, 80).orElseThrow().reasons())
                .containsExactly("the ingress controller is only a source, of traffic to workloads");
        assertThat(a.explain(api, Endpoint.INGRESS_CONTROLLER).parts()).hasSize(1);
    }
}
