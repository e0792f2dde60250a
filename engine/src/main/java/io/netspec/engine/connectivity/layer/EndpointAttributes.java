package io.netspec.engine.connectivity.layer;

import io.netspec.engine.model.ContainerPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What policy predicates may read about an endpoint inside the cluster.
 *
 * @param addresses      the endpoint's IPv4 addresses (pod IPs; a host-network pod's are its node's);
 *                       empty when the input does not say them
 * @param nodeName       empty when unknown
 * @param nodeLabels     the labels of the node object, empty when unknown
 * @param nodeKnown      true when the node and its Node object are known
 * @param podRanges      where the pod's IP lies when {@code addresses} is empty and the pod is not on the host
 *                       network ({@link PodRanges}); empty when unknown or when the addresses are known
 */
public record EndpointAttributes(
        String namespace,
        Map<String, String> namespaceLabels,
        Map<String, String> podLabels,
        String serviceAccount,
        Map<String, String> serviceAccountLabels,
        List<ContainerPort> namedPorts,
        List<Long> addresses,
        boolean hostNetwork,
        String nodeName,
        Map<String, String> nodeLabels,
        boolean nodeKnown,
        Optional<PodRanges> podRanges) {

    /** Without pod ranges. */
    public EndpointAttributes(
            String namespace,
            Map<String, String> namespaceLabels,
            Map<String, String> podLabels,
            String serviceAccount,
            Map<String, String> serviceAccountLabels,
            List<ContainerPort> namedPorts,
            List<Long> addresses,
            boolean hostNetwork,
            String nodeName,
            Map<String, String> nodeLabels,
            boolean nodeKnown) {
        this(
                namespace,
                namespaceLabels,
                podLabels,
                serviceAccount,
                serviceAccountLabels,
                namedPorts,
                addresses,
                hostNetwork,
                nodeName,
                nodeLabels,
                nodeKnown,
                Optional.empty());
    }

    public EndpointAttributes {
        namespaceLabels = Map.copyOf(namespaceLabels);
        podLabels = Map.copyOf(podLabels);
        serviceAccountLabels = Map.copyOf(serviceAccountLabels);
        namedPorts = List.copyOf(namedPorts);
        addresses = List.copyOf(addresses);
        nodeLabels = Map.copyOf(nodeLabels);
    }

    /**
     * The host network namespace of the node an endpoint runs on, as the other end of one side (a spec's
     * {@code the host}): no namespace, no labels, host network. Only peers that name the node's host match it
     * (Cilium's {@code host} entity, {@code cluster}, {@code all}); it is never a subject.
     */
    public static final EndpointAttributes NODE_HOST = new EndpointAttributes(
            "", Map.of(), Map.of(), "", Map.of(), List.of(), List.of(), true, "", Map.of(), false);

    /** True for {@link #NODE_HOST}: real endpoints, host-network pods included, always have a namespace. */
    public boolean isNodeHost() {
        return namespace.isEmpty() && hostNetwork;
    }

    /**
     * A made-up pod (a representative of pods that may exist: a new pod in some namespace), with
     * no address, node or host network: what a policy can tell about it is its labels and ports.
     */
    public static EndpointAttributes pod(
            String namespace,
            Map<String, String> namespaceLabels,
            Map<String, String> podLabels,
            List<ContainerPort> namedPorts) {
        return new EndpointAttributes(
                namespace,
                namespaceLabels,
                podLabels,
                "default",
                Map.of(),
                namedPorts,
                List.of(),
                false,
                "",
                Map.of(),
                false);
    }
}
