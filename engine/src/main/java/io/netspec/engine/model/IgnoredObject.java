package io.netspec.engine.model;

/** A Kubernetes object of a kind netspec does not analyse (ConfigMap, Secret, CRDs, ...). */
public record IgnoredObject(String apiVersion, String kind, String namespace, String name, SourceRef source)
        implements ObjectFact {

    @Override
    public String objectKind() {
        return kind;
    }

    @Override
    public String id() {
        return kind + "/" + namespace + "/" + name;
    }
}
