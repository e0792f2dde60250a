package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds fact records by hand for connectivity tests (no loader needed). */
final class Facts {

    private Facts() {}

    /** {@code "a=b,c=d"} to a label map; empty text gives no labels. */
    static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!text.isBlank()) {
            for (String kv : text.split(",")) {
                String[] parts = kv.split("=", 2);
                out.put(parts[0].trim(), parts[1].trim());
            }
        }
        return out;
    }

    static Selector sel(String text) {
        return Selector.of(labels(text));
    }

    static NamespaceFact namespace(String name, String labels) {
        return new NamespaceFact(name, labels(labels), Map.of(), true, new SourceRef("ns.yaml", 1));
    }

    static Workload pod(String ns, String name, String labels, ContainerPort... ports) {
        return workload("Pod", ns, name, labels, ports);
    }

    static Workload workload(String kind, String ns, String name, String labels, ContainerPort... ports) {
        return new Workload(
                kind,
                kind,
                ns,
                name,
                labels(labels),
                Optional.empty(),
                Arrays.asList(ports),
                false,
                1,
                "",
                Map.of(),
                List.of(),
                List.of(),
                new SourceRef("pods.yaml", 1));
    }

    static ContainerPort port(String name, int number, Protocol protocol) {
        return new ContainerPort(name, number, protocol, "c");
    }

    static Cluster cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<PolicyFact> policies) {
        return Cluster.builder()
                .namespaces(namespaces)
                .workloads(workloads)
                .policies(policies)
                .build();
    }

    /** A policy builder: selector, then rules added per direction; policy types default as Kubernetes does. */
    static PolicyBuilder policy(String ns, String name, String podSelector) {
        return new PolicyBuilder(ns, name, sel(podSelector));
    }

    static final class PolicyBuilder {
        private final String ns;
        private final String name;
        private final Selector selector;
        private final List<PolicyRule> ingress = new ArrayList<>();
        private final List<PolicyRule> egress = new ArrayList<>();
        private Boolean isolatesIngress;
        private Boolean isolatesEgress;

        PolicyBuilder(String ns, String name, Selector selector) {
            this.ns = ns;
            this.name = name;
            this.selector = selector;
        }

        PolicyBuilder ingress(List<PolicyPeer> peers, PolicyPort... ports) {
            ingress.add(new PolicyRule(
                    Direction.INGRESS,
                    ingress.size(),
                    peers,
                    Arrays.asList(ports),
                    new SourceRef("np.yaml", 10 + ingress.size())));
            return this;
        }

        PolicyBuilder egress(List<PolicyPeer> peers, PolicyPort... ports) {
            egress.add(new PolicyRule(
                    Direction.EGRESS,
                    egress.size(),
                    peers,
                    Arrays.asList(ports),
                    new SourceRef("np.yaml", 30 + egress.size())));
            return this;
        }

        /** policyTypes as written. */
        PolicyBuilder types(boolean ingressType, boolean egressType) {
            this.isolatesIngress = ingressType;
            this.isolatesEgress = egressType;
            return this;
        }

        PolicyFact build() {
            boolean in = isolatesIngress != null ? isolatesIngress : true;
            boolean eg = isolatesEgress != null ? isolatesEgress : !egress.isEmpty();
            return new PolicyFact(ns, name, selector, in, eg, ingress, egress, Map.of(), new SourceRef("np.yaml", 1));
        }
    }

    static PolicyPeer pods(String selector) {
        return new PolicyPeer(Optional.of(sel(selector)), Optional.empty(), Optional.empty(), SourceRef.UNKNOWN);
    }

    static PolicyPeer namespaces(String selector) {
        return new PolicyPeer(Optional.empty(), Optional.of(sel(selector)), Optional.empty(), SourceRef.UNKNOWN);
    }

    static PolicyPeer podsInNamespaces(String pods, String namespaces) {
        return new PolicyPeer(
                Optional.of(sel(pods)), Optional.of(sel(namespaces)), Optional.empty(), SourceRef.UNKNOWN);
    }

    static PolicyPeer ipBlock(String cidr, String... except) {
        return new PolicyPeer(
                Optional.empty(),
                Optional.empty(),
                Optional.of(new IpBlock(
                        cidr(cidr), Arrays.stream(except).map(Facts::cidr).toList())),
                SourceRef.UNKNOWN);
    }

    static Cidr cidr(String text) {
        if (text.contains(":")) {
            return new Cidr(text, true, 0, 0);
        }
        String[] parts = text.split("/");
        long address = parseIp(parts[0]);
        int bits = Integer.parseInt(parts[1]);
        long size = 1L << (32 - bits);
        long first = address & ~(size - 1) & 0xFFFF_FFFFL;
        return new Cidr(text, false, first, first + size - 1);
    }

    static long parseIp(String text) {
        long out = 0;
        for (String octet : text.split("\\.")) {
            out = out * 256 + Integer.parseInt(octet);
        }
        return out;
    }

    static PolicyPort tcp(int port) {
        return new PolicyPort(Protocol.TCP, PortRef.number(port), 0);
    }

    static PolicyPort port(Protocol protocol, int port) {
        return new PolicyPort(protocol, PortRef.number(port), 0);
    }

    static PolicyPort range(Protocol protocol, int from, int to) {
        return new PolicyPort(protocol, PortRef.number(from), to);
    }

    static PolicyPort named(Protocol protocol, String name) {
        return new PolicyPort(protocol, PortRef.named(name), 0);
    }

    static PolicyPort anyPort(Protocol protocol) {
        return new PolicyPort(protocol, PortRef.ANY, 0);
    }

    static Endpoint.OfWorkload ep(Workload w) {
        return new Endpoint.OfWorkload(w);
    }

    static Endpoint.External ext(String first, String last) {
        return new Endpoint.External(parseIp(first), parseIp(last));
    }
}
