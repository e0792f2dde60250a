package io.netspec.engine.rules;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a workload can resolve names: reach cluster DNS on 53/UDP and 53/TCP.
 *
 * <p>Cluster DNS is where the {@link Target} says: the parameters of rule {@value #RULE_ID}, by default
 * Service {@code kube-dns} in {@code kube-system} and pods labelled {@code k8s-app=kube-dns}
 * ({@code rules.params} in {@code .netspec.yaml}, or its older spelling {@code dns:}, names another). When the manifests include that
 * Service and pods it selects, both the workload's egress and the DNS pods' ingress count.
 * Otherwise it is a pod with the target's labels in the target's namespace with CoreDNS's usual
 * ports ({@code dns} 53/UDP, {@code dns-tcp} 53/TCP), and only the workload's egress policies are
 * read.
 */
public final class ClusterDns {

    public static final int PORT = 53;

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private ClusterDns() {}

    /**
     * Where cluster DNS runs.
     *
     * @param namespace its namespace
     * @param service   the Service in front of it, in that namespace
     * @param podLabels the labels of its pods, used when the manifests do not include the Service
     */
    public record Target(String namespace, String service, Map<String, String> podLabels) {

        /** Kubernetes' convention, which kubeadm, CoreDNS's chart and most managed clusters follow. */
        public static final Target DEFAULT = new Target("kube-system", "kube-dns", Map.of("k8s-app", "kube-dns"));

        public Target {
            if (!namespace.matches(DNS_LABEL)) {
                throw new IllegalArgumentException("namespace \"" + namespace + "\" is not a valid namespace name");
            }
            if (!service.matches(DNS_LABEL)) {
                throw new IllegalArgumentException("service \"" + service + "\" is not a valid Service name");
            }
            if (podLabels.isEmpty()) {
                throw new IllegalArgumentException("podSelector must name at least one label");
            }
            podLabels = Collections.unmodifiableMap(new TreeMap<>(podLabels));
        }

        /** {@code k8s-app=kube-dns}, labels sorted. */
        public String labelText() {
            return podLabels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
        }

        /** A DNS pod as CoreDNS declares its ports, for resolving named ports in egress rules. */
        Workload conventionalPod() {
            return new Workload(
                    "Deployment",
                    "Deployment",
                    namespace,
                    "coredns",
                    podLabels,
                    Optional.empty(),
                    List.of(
                            new ContainerPort("dns", PORT, Protocol.UDP, "coredns"),
                            new ContainerPort("dns-tcp", PORT, Protocol.TCP, "coredns")),
                    false,
                    1,
                    "",
                    Map.of(),
                    List.of(),
                    List.of(),
                    SourceRef.UNKNOWN);
        }
    }

    /**
     * @param target  what cluster DNS was taken to be, for the message
     * @param blocked {@code 53/UDP}, {@code 53/TCP}: the ones the workload cannot reach; empty when it can
     */
    public record Verdict(String target, List<String> blocked) {
        public Verdict {
            blocked = List.copyOf(blocked);
        }
    }

    /** The id of the rule whose parameters say where cluster DNS runs. */
    public static final String RULE_ID = "dns-egress-blocked";

    /**
     * Checks against the DNS target the rule's parameters name: {@code namespace}, {@code service}
     * ({@code NAME} or {@code NAMESPACE/NAME}) and {@code podSelector}.
     *
     * @throws IllegalArgumentException when a parameter is not a valid name or the selector is empty
     */
    public static Verdict check(Network net, RuleParams.Values params, Workload workload) {
        return check(net, params.derived("target", ClusterDns::target), workload);
    }

    /** The target the rule's parameters name. */
    static Target target(RuleParams.Values params) {
        String service = params.text("service");
        int slash = service.indexOf('/');
        return new Target(
                slash < 0 ? params.text("namespace") : service.substring(0, slash),
                service.substring(slash + 1),
                params.map("podSelector"));
    }

    /**
     * Checks against {@code dns}. Apart from whether the workload is a DNS pod itself, the verdict depends on its
     * connectivity class only: asked once per class ({@link #checkPlain} asks every time, the tests' reference).
     */
    public static Verdict check(Network net, Target dns, Workload workload) {
        // the DNS pods are workloads of the DNS namespace: one elsewhere is not one, and skips the lookup (which
        // takes the index's lock, shared with the other rule lane)
        if (workload.namespace().equals(dns.namespace()) && dnsPods(net, dns).contains(workload)) {
            return new Verdict("itself", List.of());
        }
        return net.perClass(workload, new Question(dns), () -> checkPlain(net, dns, workload));
    }

    /** The key of {@link #check}'s answers per class. */
    private record Question(Target dns) {}

    /** The pods of the DNS Service when the manifests hold it and it has a selector, else none. */
    private static List<Workload> dnsPods(Network net, Target dns) {
        ClusterIndex index = net.index();
        return index.service(dns.namespace(), dns.service())
                .filter(s -> s.selector().isPresent())
                .map(index::selectedBy)
                .orElse(List.of());
    }

    /** {@link #check} without the per-class answers. */
    static Verdict checkPlain(Network net, Target dns, Workload workload) {
        ClusterIndex index = net.index();
        Optional<ServiceFact> service = index.service(dns.namespace(), dns.service())
                .filter(s -> s.selector().isPresent());
        List<Workload> pods = service.map(index::selectedBy).orElse(List.of());
        List<String> blocked = new ArrayList<>();
        if (!pods.isEmpty()) {
            if (pods.contains(workload)) {
                return new Verdict("itself", List.of());
            }
            for (Protocol protocol : List.of(Protocol.UDP, Protocol.TCP)) {
                boolean reached = pods.stream()
                        .anyMatch(
                                pod -> net.canReach(workload, pod, targetPort(service.get(), pod, protocol), protocol));
                if (!reached) {
                    blocked.add(PORT + "/" + protocol);
                }
            }
            return new Verdict("the pods of service " + dns.namespace() + "/" + dns.service(), blocked);
        }
        Map<String, String> nsLabels = index.namespace(dns.namespace())
                .map(NamespaceFact::labels)
                .orElse(Map.of(NamespaceFact.NAME_LABEL, dns.namespace()));
        for (Protocol protocol : List.of(Protocol.UDP, Protocol.TCP)) {
            if (!egressAllows(net, workload, dns, nsLabels, protocol)) {
                blocked.add(PORT + "/" + protocol);
            }
        }
        return new Verdict("pods labelled " + dns.labelText() + " in " + dns.namespace(), blocked);
    }

    /** The pod port the Service's port 53 of that protocol leads to on {@code pod} (53 when it has none). */
    private static int targetPort(ServiceFact service, Workload pod, Protocol protocol) {
        for (ServicePort sp : service.ports()) {
            if (sp.port() == PORT && sp.protocol() == protocol) {
                if (sp.targetPort().isNamed()) {
                    return pod.portsNamed(sp.targetPort().name(), protocol).stream()
                            .map(ContainerPort::port)
                            .findFirst()
                            .orElse(PORT);
                }
                return sp.targetPort().isAny() ? sp.port() : sp.targetPort().number();
            }
        }
        return PORT;
    }

    /**
     * What the workload's egress side (every policy tier) allows towards a DNS pod: a representative
     * pod with the conventional labels in the DNS namespace, whether or not the manifests hold it.
     */
    private static boolean egressAllows(
            Network net, Workload workload, Target dns, Map<String, String> nsLabels, Protocol protocol) {
        Workload pod = dns.conventionalPod();
        EndpointAttributes representative = EndpointAttributes.pod(
                dns.namespace(),
                nsLabels,
                dns.podLabels(),
                pod.ports().stream().filter(ContainerPort::isNamed).toList());
        return net.analysis().egressTo(workload, representative).contains(protocol, PORT);
    }
}
