package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/** An Ingress (networking.k8s.io/v1) and the Service backends it names, in its own namespace. */
public record IngressFact(
        String namespace,
        String name,
        String ingressClassName,
        List<IngressBackend> backends,
        Map<String, String> annotations,
        SourceRef source)
        implements ObjectFact {

    public IngressFact {
        ingressClassName = ingressClassName == null ? "" : ingressClassName;
        backends = List.copyOf(backends);
        annotations = Map.copyOf(annotations);
    }

    public String id() {
        return namespace + "/" + name + "[Ingress]";
    }

    @Override
    public String objectKind() {
        return "Ingress";
    }
}
