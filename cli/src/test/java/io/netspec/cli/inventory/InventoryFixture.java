package io.netspec.cli.inventory;

import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.LabelRequirement;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SkippedDocument;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small hand-built cluster with one fact of every kind the inventory lists, for renderer tests. */
final class InventoryFixture {

    private InventoryFixture() {}

    static SourceRef at(int line) {
        return new SourceRef("shop.yaml", line);
    }

    static Cluster cluster() {
        NamespaceFact backend = new NamespaceFact("shop-backend", Map.of("team", "checkout"), Map.of(), true, at(1));
        Workload api = workload(
                "Deployment",
                "shop-backend",
                "api",
                Map.of("app", "api", "tier", "backend"),
                List.of(new ContainerPort("http", 8080, Protocol.TCP, "api")),
                false,
                3,
                at(10));
        Workload agent = workload(
                "DaemonSet",
                "monitoring",
                "node-agent",
                Map.of("app", "node-agent"),
                List.of(
                        new ContainerPort("", 9100, Protocol.TCP, "agent"),
                        new ContainerPort("dns", 53, Protocol.UDP, "agent")),
                true,
                1,
                at(30));
        Workload postgres = workload(
                "StatefulSet",
                "shop-data",
                "postgres",
                Map.of("app", "postgres"),
                List.of(new ContainerPort("postgres", 5432, Protocol.TCP, "postgres")),
                false,
                1,
                at(50));
        ServiceFact apiSvc = new ServiceFact(
                "shop-backend",
                "api",
                "ClusterIP",
                Optional.of(Map.of("app", "api")),
                List.of(new ServicePort("http", 8080, Protocol.TCP, PortRef.named("http"), 0)),
                false,
                "",
                Map.of(),
                at(20));
        ServiceFact pgSvc = new ServiceFact(
                "shop-data",
                "postgres",
                "ClusterIP",
                Optional.of(Map.of("app", "postgres")),
                List.of(new ServicePort("", 5432, Protocol.TCP, PortRef.number(5432), 0)),
                true,
                "",
                Map.of(),
                at(60));
        ServiceFact lb = new ServiceFact(
                "shop-backend",
                "public",
                "LoadBalancer",
                Optional.empty(),
                List.of(new ServicePort("https", 443, Protocol.TCP, PortRef.number(8443), 30443)),
                false,
                "",
                Map.of(),
                at(70));
        IngressFact ingress = new IngressFact(
                "shop-backend",
                "shop",
                "nginx",
                List.of(
                        new IngressBackend("api", PortRef.named("http"), "shop.example.com", "/api", at(85)),
                        new IngressBackend("api", PortRef.number(8080), "", "", at(88))),
                Map.of(),
                at(80));
        Selector apiPods = Selector.of(Map.of("app", "api"));
        PolicyFact deny = new PolicyFact(
                "shop-backend", "default-deny", Selector.ALL, true, true, List.of(), List.of(), Map.of(), at(100));
        PolicyRule fromWeb = new PolicyRule(
                Direction.INGRESS,
                0,
                List.of(new PolicyPeer(
                        Optional.of(Selector.of(Map.of("app", "web"))),
                        Optional.of(new Selector(
                                Map.of(),
                                List.of(new LabelRequirement(
                                        "team", LabelRequirement.Operator.IN, List.of("storefront", "web"))))),
                        Optional.empty(),
                        at(115))),
                List.of(new PolicyPort(Protocol.TCP, PortRef.named("http"), 0)),
                at(114));
        Cidr net = new Cidr("203.0.113.0/24", false, 0xCB007100L, 0xCB0071FFL);
        Cidr sandbox = new Cidr("203.0.113.240/28", false, 0xCB0071F0L, 0xCB0071FFL);
        PolicyRule toPayments = new PolicyRule(
                Direction.EGRESS,
                0,
                List.of(new PolicyPeer(
                        Optional.empty(), Optional.empty(), Optional.of(new IpBlock(net, List.of(sandbox))), at(121))),
                List.of(new PolicyPort(Protocol.TCP, PortRef.number(443), 0)),
                at(120));
        PolicyRule toDb = new PolicyRule(Direction.EGRESS, 1, List.of(), List.of(), at(125));
        PolicyFact apiPolicy = new PolicyFact(
                "shop-backend",
                "api",
                apiPods,
                true,
                true,
                List.of(fromWeb),
                List.of(toPayments, toDb),
                Map.of(),
                at(110));
        PolicyFact ingressOnly = new PolicyFact(
                "shop-data",
                "postgres",
                Selector.of(Map.of("app", "postgres")),
                true,
                false,
                List.of(),
                List.of(),
                Map.of(),
                at(130));
        ClusterNetworkPolicyFact anp = new ClusterNetworkPolicyFact(
                "cluster-dns",
                false,
                10,
                new ClusterNetworkPolicyFact.Subject(Selector.ALL, Optional.empty()),
                List.of(),
                List.of(new ClusterNetworkPolicyFact.Rule("allow-dns", "Allow", List.of(), List.of(), at(145))),
                at(140));
        ClusterNetworkPolicyFact banp = new ClusterNetworkPolicyFact(
                "default",
                true,
                0,
                new ClusterNetworkPolicyFact.Subject(Selector.of(Map.of("env", "prod")), Optional.of(apiPods)),
                List.of(new ClusterNetworkPolicyFact.Rule("deny", "Deny", List.of(), List.of(), at(155))),
                List.of(),
                at(150));
        ConfigMapFact config = new ConfigMapFact(
                "shop-backend",
                "api-config",
                Map.of("REDIS_ADDR", "redis:6379", "DATABASE_URL", "postgres://postgres.shop-data:5432/shop"),
                at(160));
        List<IgnoredObject> ignored = List.of(
                new IgnoredObject("v1", "ServiceAccount", "shop-backend", "api", at(170)),
                new IgnoredObject("networking.k8s.io/v1", "IngressClass", "", "nginx", at(175)),
                new IgnoredObject("v1", "ServiceAccount", "shop-data", "postgres", at(180)));
        List<SkippedDocument> skipped = List.of(new SkippedDocument(
                new SourceRef("values.yaml", 1), "not a Kubernetes object (no apiVersion, kind or metadata)"));
        return Cluster.builder()
                .namespaces(List.of(backend))
                .workloads(List.of(postgres, api, agent))
                .services(List.of(pgSvc, apiSvc, lb))
                .ingresses(List.of(ingress))
                .policies(List.of(ingressOnly, deny, apiPolicy))
                .adminPolicies(List.of(banp, anp))
                .configMaps(List.of(config))
                .ignored(ignored)
                .skipped(skipped)
                .build();
    }

    static List<LoadProblem> problems() {
        return List.of(
                LoadProblem.warning(
                        new SourceRef("values.yaml", 1),
                        "document skipped: not a Kubernetes object (no apiVersion, kind or metadata)"),
                LoadProblem.error(new SourceRef("broken.yaml", 7), "mapping values are not allowed here"));
    }

    private static Workload workload(
            String kind,
            String ns,
            String name,
            Map<String, String> labels,
            List<ContainerPort> ports,
            boolean hostNetwork,
            int replicas,
            SourceRef at) {
        return new Workload(
                kind,
                kind,
                ns,
                name,
                labels,
                Optional.of(Selector.of(labels)),
                ports,
                hostNetwork,
                replicas,
                "",
                Map.of(),
                List.of(),
                List.of(),
                at);
    }
}
