package io.netspec.engine.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One peer of the connectivity graph: a controller (Deployment, StatefulSet, ...) with its pod
 * template, or the pods of one controlling owner, or a bare Pod, or a custom resource whose operator
 * runs pods. Replicas are one workload.
 *
 * <p>{@code kind} is the kind in the workload's identity ({@code ns/name[kind]}): the object's kind,
 * or for a Pod with a controlling owner reference, the owner's kind as written ({@code ReplicaSet}).
 * {@code objectKind} is the kind of the manifest object(s) the facts came from.
 *
 * @param selector        the controller's {@code spec.selector}; empty for Pods and CronJobs
 * @param serviceName     a StatefulSet's {@code spec.serviceName}; empty otherwise
 * @param annotations     the object's own annotations (waivers live here)
 * @param configValues    literal strings a container is configured with: env values, args, command
 * @param configMapRefs   what the pod template reads from ConfigMaps: which keys, as env or as files
 * @param podIps          {@code status.podIP(s)} of the workload's Pods when the input carries them (a cluster
 *                        dump); empty otherwise. A host-network pod's IP is its node's.
 * @param nodeName        {@code spec.nodeName} when every pod of the workload names the same node; empty otherwise
 * @param serviceAccount  {@code spec.serviceAccountName} ({@code default} when unset)
 * @param images          the container images (init containers first), for evidence such as datastores
 */
public record Workload(
        String kind,
        String objectKind,
        String namespace,
        String name,
        Map<String, String> podLabels,
        Optional<Selector> selector,
        List<ContainerPort> ports,
        boolean hostNetwork,
        int replicas,
        String serviceName,
        Map<String, String> annotations,
        List<String> configValues,
        List<ConfigRef> configMapRefs,
        SourceRef source,
        List<String> podIps,
        String nodeName,
        String serviceAccount,
        List<String> images)
        implements ObjectFact {

    public Workload {
        podLabels = Collections.unmodifiableMap(new TreeMap<>(podLabels));
        ports = List.copyOf(ports);
        serviceName = serviceName == null ? "" : serviceName;
        annotations = Map.copyOf(annotations);
        configValues = List.copyOf(configValues);
        configMapRefs = List.copyOf(configMapRefs);
        podIps = List.copyOf(podIps);
        nodeName = nodeName == null ? "" : nodeName;
        serviceAccount = serviceAccount == null || serviceAccount.isEmpty() ? "default" : serviceAccount;
        images = List.copyOf(images);
    }

    /** A workload whose pod IPs, node, service account and images the manifests do not say. */
    public Workload(
            String kind,
            String objectKind,
            String namespace,
            String name,
            Map<String, String> podLabels,
            Optional<Selector> selector,
            List<ContainerPort> ports,
            boolean hostNetwork,
            int replicas,
            String serviceName,
            Map<String, String> annotations,
            List<String> configValues,
            List<ConfigRef> configMapRefs,
            SourceRef source) {
        this(
                kind,
                objectKind,
                namespace,
                name,
                podLabels,
                selector,
                ports,
                hostNetwork,
                replicas,
                serviceName,
                annotations,
                configValues,
                configMapRefs,
                source,
                List.of(),
                "",
                "",
                List.of());
    }

    /** A workload read from a pod template: its images are known, its placement not. */
    public Workload(
            String kind,
            String objectKind,
            String namespace,
            String name,
            Map<String, String> podLabels,
            Optional<Selector> selector,
            List<ContainerPort> ports,
            boolean hostNetwork,
            int replicas,
            String serviceName,
            Map<String, String> annotations,
            List<String> configValues,
            List<ConfigRef> configMapRefs,
            SourceRef source,
            List<String> images) {
        this(
                kind,
                objectKind,
                namespace,
                name,
                podLabels,
                selector,
                ports,
                hostNetwork,
                replicas,
                serviceName,
                annotations,
                configValues,
                configMapRefs,
                source,
                List.of(),
                "",
                "",
                images);
    }

    /** A workload with placement but no images (built in code). */
    public Workload(
            String kind,
            String objectKind,
            String namespace,
            String name,
            Map<String, String> podLabels,
            Optional<Selector> selector,
            List<ContainerPort> ports,
            boolean hostNetwork,
            int replicas,
            String serviceName,
            Map<String, String> annotations,
            List<String> configValues,
            List<ConfigRef> configMapRefs,
            SourceRef source,
            List<String> podIps,
            String nodeName,
            String serviceAccount) {
        this(
                kind,
                objectKind,
                namespace,
                name,
                podLabels,
                selector,
                ports,
                hostNetwork,
                replicas,
                serviceName,
                annotations,
                configValues,
                configMapRefs,
                source,
                podIps,
                nodeName,
                serviceAccount,
                List.of());
    }

    /** This workload with the addresses and node its pods run on (from Pod status, as cluster dumps carry). */
    public Workload withPlacement(List<String> podIps, String nodeName, String serviceAccount) {
        return new Workload(
                kind,
                objectKind,
                namespace,
                name,
                podLabels,
                selector,
                ports,
                hostNetwork,
                replicas,
                serviceName,
                annotations,
                configValues,
                configMapRefs,
                source,
                podIps,
                nodeName,
                serviceAccount,
                images);
    }

    /**
     * The StatefulSet's name when this workload is one of its pods analysed on its own (see the
     * loader's per-pod view: name {@code web-0}, label {@code apps.kubernetes.io/pod-index=0}); the
     * workload's name otherwise.
     */
    public String controllerName() {
        String index = podLabels.get("apps.kubernetes.io/pod-index");
        String suffix = "-" + index;
        if (index != null
                && objectKind.equals("StatefulSet")
                && name.endsWith(suffix)
                && name.equals(podLabels.get("statefulset.kubernetes.io/pod-name"))) {
            return name.substring(0, name.length() - suffix.length());
        }
        return name;
    }

    /** The names of the ConfigMaps the pod template reads, each once. */
    public List<String> configMapNames() {
        return configMapRefs.stream().map(ConfigRef::configMap).distinct().toList();
    }

    /** The identity used in every output: {@code namespace/name[Kind]}. */
    public String id() {
        return namespace + "/" + name + "[" + kind + "]";
    }

    /** Container ports with this name and protocol (named-port resolution). */
    public List<ContainerPort> portsNamed(String portName, Protocol protocol) {
        return ports.stream()
                .filter(p -> p.name().equals(portName) && p.protocol() == protocol)
                .toList();
    }

    public boolean exposes(int port, Protocol protocol) {
        return ports.stream().anyMatch(p -> p.port() == port && p.protocol() == protocol);
    }

    @Override
    public String toString() {
        return id();
    }
}
