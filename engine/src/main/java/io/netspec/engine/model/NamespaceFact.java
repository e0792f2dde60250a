package io.netspec.engine.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace. {@code declared} is false for namespaces only referenced by other objects;
 * those still carry {@code kubernetes.io/metadata.name=<name>}, as the API server adds it.
 */
public record NamespaceFact(
        String name, Map<String, String> labels, Map<String, String> annotations, boolean declared, SourceRef source)
        implements ObjectFact {

    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public NamespaceFact {
        TreeMap<String, String> withName = new TreeMap<>(labels);
        withName.put(NAME_LABEL, name);
        labels = Collections.unmodifiableMap(withName);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public String objectKind() {
        return "Namespace";
    }

    @Override
    public String id() {
        return name;
    }

    /** Namespaces are cluster-scoped. */
    @Override
    public String namespace() {
        return "";
    }
}
