package io.netspec.engine.model;

import java.util.Map;

/** A ConfigMap's data, read so that rules can find the Services a workload is configured to call. */
public record ConfigMapFact(String namespace, String name, Map<String, String> data, SourceRef source)
        implements ObjectFact {

    public ConfigMapFact {
        data = Map.copyOf(data);
    }

    @Override
    public String objectKind() {
        return "ConfigMap";
    }

    @Override
    public String id() {
        return namespace + "/" + name;
    }
}
