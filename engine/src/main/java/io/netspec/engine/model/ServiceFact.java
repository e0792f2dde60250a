package io.netspec.engine.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Service. {@code selector} is empty for selector-less and ExternalName Services.
 *
 * @param type      ClusterIP (default), NodePort, LoadBalancer or ExternalName
 * @param headless  {@code clusterIP: None}
 */
public record ServiceFact(
        String namespace,
        String name,
        String type,
        Optional<Map<String, String>> selector,
        List<ServicePort> ports,
        boolean headless,
        String externalName,
        Map<String, String> annotations,
        SourceRef source)
        implements ObjectFact {

    public ServiceFact {
        selector = selector.map(TreeMap::new).map(Collections::unmodifiableMap);
        ports = List.copyOf(ports);
        externalName = externalName == null ? "" : externalName;
        annotations = Map.copyOf(annotations);
    }

    /**
     * Consistent with the record's {@code equals} (a subset of its components), but cheap: Drools hashes
     * this fact for every index on {@code service == $s} and every {@code from} that yields it, and the record's own
     * hash walks the selector, ports and annotations on each call. Equal facts still compare component by component.
     */
    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(namespace) + Objects.hashCode(name)) * 31 + Objects.hashCode(source);
    }

    /** Exposed outside the cluster through a node port or a cloud load balancer. */
    public boolean isExternallyExposed() {
        return "NodePort".equals(type) || "LoadBalancer".equals(type);
    }

    /** True when the selector matches the workload's pods (same namespace, labels match). */
    public boolean selects(Workload w) {
        return selector.isPresent()
                && !selector.get().isEmpty()
                && w.namespace().equals(namespace)
                && Selector.of(selector.get()).matches(w.podLabels());
    }

    public String id() {
        return namespace + "/" + name + "[Service]";
    }

    @Override
    public String toString() {
        return id();
    }

    @Override
    public String objectKind() {
        return "Service";
    }
}
