package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a workload can resolve names: reach cluster DNS on 53/UDP and 53/TCP.
 *
 * <p>Cluster DNS is the pods behind Service {@code kube-dns} in {@code kube-system} when the
 * manifests include that Service and pods it selects; then both the workload's egress and the DNS
 * pods' ingress count. Otherwise it is a pod labelled {@code k8s-app=kube-dns} in {@code kube-system}
 * with CoreDNS's usual ports ({@code dns} 53/UDP, {@code dns-tcp} 53/TCP), and only the
 * workload's egress policies are read.
 */
public final class ClusterDns {

    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE = "kube-dns";
    public static final Map<String, String> POD_LABELS = Map.of("k8s-app", "kube-dns");
    public static final int PORT = 53;

    private static final Workload CONVENTIONAL_POD = new Workload("Deployment", "Deployment", NAMESPACE, "coredns",
            POD_LABELS, Optional.empty(), List.of(new ContainerPort("dns", PORT, Protocol.UDP, "coredns"),
            new ContainerPort("dns-tcp", PORT, Protocol.TCP, "coredns")), false, 1, "", Map.of(), List.of(), List.of(),
            SourceRef.UNKNOWN);

    private ClusterDns() {
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

    public static Verdict check(Network net, Workload workload) {
        Cluster cluster = net.cluster();
        Optional<ServiceFact> service = cluster.service(NAMESPACE, SERVICE).filter(s -> s.selector().isPresent());
        List<Workload> pods = service.map(s -> cluster.workloads().stream().filter(s::selects).toList()).orElse(List.of());
        List<String> blocked = new ArrayList<>();
        if (!pods.isEmpty()) {
            if (pods.contains(workload)) {
                return new Verdict("itself", List.of());
            }
            for (Protocol protocol : List.of(Protocol.UDP, Protocol.TCP)) {
                boolean reached = pods.stream().anyMatch(pod -> net.canReach(workload, pod,
                        targetPort(service.get(), pod, protocol), protocol));
                if (!reached) {
                    blocked.add(PORT + "/" + protocol);
                }
            }
            return new Verdict("the pods of service " + NAMESPACE + "/" + SERVICE, blocked);
        }
        Map<String, String> nsLabels = cluster.namespace(NAMESPACE).map(NamespaceFact::labels)
                .orElse(Map.of(NamespaceFact.NAME_LABEL, NAMESPACE));
        for (Protocol protocol : List.of(Protocol.UDP, Protocol.TCP)) {
            if (!egressAllows(net, workload, nsLabels, protocol)) {
                blocked.add(PORT + "/" + protocol);
            }
        }
        return new Verdict("pods labelled k8s-app=kube-dns in " + NAMESPACE, blocked);
    }

    /** The pod port the Service's port 53 of that protocol leads to on {@code pod} (53 when it has none). */
    private static int targetPort(ServiceFact service, Workload pod, Protocol protocol) {
        for (ServicePort sp : service.ports()) {
            if (sp.port() == PORT && sp.protocol() == protocol) {
                if (sp.targetPort().isNamed()) {
                    return pod.portsNamed(sp.targetPort().name(), protocol).stream().map(ContainerPort::port)
                            .findFirst().orElse(PORT);
                }
                return sp.targetPort().isAny() ? sp.port() : sp.targetPort().number();
            }
        }
        return PORT;
    }

    private static boolean egressAllows(Network net, Workload workload, Map<String, String> nsLabels, Protocol protocol) {
        List<PolicyFact> policies = net.selecting(workload, Direction.EGRESS);
        if (policies.isEmpty()) {
            return true;
        }
        for (PolicyFact policy : policies) {
            for (PolicyRule rule : policy.egress()) {
                if (!Network.allowsPort(rule, CONVENTIONAL_POD, PORT, protocol)) {
                    continue;
                }
                if (rule.allPeers() || rule.peers().stream().anyMatch(peer -> matches(policy, peer, nsLabels))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(PolicyFact policy, PolicyPeer peer, Map<String, String> nsLabels) {
        if (peer.isIpBlock()) {
            return false;
        }
        boolean nsOk = peer.namespaceSelector().map(s -> s.matches(nsLabels))
                .orElse(policy.namespace().equals(NAMESPACE));
        return nsOk && peer.podSelector().map(s -> s.matches(POD_LABELS)).orElse(true);
    }
}
