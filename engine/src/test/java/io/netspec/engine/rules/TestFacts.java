package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small model records for rule-runtime tests (no loader needed). */
public final class TestFacts {

    private TestFacts() {}

    public static Workload deployment(
            String ns,
            String name,
            Map<String, String> labels,
            boolean hostNetwork,
            Map<String, String> annotations,
            int line,
            ContainerPort... ports) {
        return new Workload(
                "Deployment",
                "Deployment",
                ns,
                name,
                labels,
                Optional.of(Selector.of(labels)),
                List.of(ports),
                hostNetwork,
                1,
                "",
                annotations,
                List.of(),
                List.of(),
                new SourceRef("k8s/app.yaml", line));
    }

    public static Workload deployment(String ns, String name, Map<String, String> labels, int line) {
        return deployment(ns, name, labels, false, Map.of(), line);
    }

    public static ContainerPort port(String name, int number) {
        return new ContainerPort(name, number, Protocol.TCP, "main");
    }

    public static ServiceFact service(
            String ns, String name, Map<String, String> selector, int line, ServicePort... ports) {
        return new ServiceFact(
                ns,
                name,
                "ClusterIP",
                Optional.of(selector),
                List.of(ports),
                false,
                "",
                Map.of(),
                new SourceRef("k8s/svc.yaml", line));
    }

    public static ServicePort servicePort(int port, PortRef target) {
        return new ServicePort("", port, Protocol.TCP, target, 0);
    }

    public static PolicyFact denyAllIngress(String ns, int line) {
        return new PolicyFact(
                ns,
                "deny-all",
                Selector.ALL,
                true,
                false,
                List.of(),
                List.of(),
                Map.of(),
                new SourceRef("k8s/netpol.yaml", line));
    }

    public static PolicyFact policy(String ns, String name, Selector podSelector, List<PolicyRule> ingress, int line) {
        return new PolicyFact(
                ns,
                name,
                podSelector,
                true,
                false,
                ingress,
                List.of(),
                Map.of(),
                new SourceRef("k8s/netpol.yaml", line));
    }

    public static Cluster cluster(List<Workload> workloads, List<ServiceFact> services, List<PolicyFact> policies) {
        return Cluster.builder()
                .workloads(workloads)
                .services(services)
                .policies(policies)
                .build();
    }
}
