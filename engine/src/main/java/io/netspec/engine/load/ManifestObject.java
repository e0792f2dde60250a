package io.netspec.engine.load;

import io.netspec.engine.model.SourceRef;
import java.util.Map;
import java.util.Optional;

/**
 * One object of a registered kind, as a {@link KindRegistry.Reader} sees it: its metadata, already read
 * and checked, and scalar fields of its body by path.
 */
public final class ManifestObject {

    private final YamlMap object;
    private final ObjectMeta meta;
    private final String apiVersion;

    ManifestObject(YamlMap object, ObjectMeta meta, String apiVersion) {
        this.object = object;
        this.meta = meta;
        this.apiVersion = apiVersion;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return meta.kind();
    }

    /** Empty for a cluster-scoped kind. */
    public String namespace() {
        return meta.clusterScoped() ? "" : meta.namespace();
    }

    public String name() {
        return meta.name();
    }

    public Map<String, String> labels() {
        return meta.labels();
    }

    public Map<String, String> annotations() {
        return meta.annotations();
    }

    /** Where the object starts. */
    public SourceRef source() {
        return object.source();
    }

    /** The scalar at {@code path} ({@code "spec", "color"}), as text; empty when absent or not a scalar. */
    public Optional<String> text(String... path) {
        YamlMap map = object;
        for (int i = 0; i < path.length - 1; i++) {
            map = map.mapOrEmpty(path[i]);
        }
        return path.length == 0 ? Optional.empty() : map.text(path[path.length - 1]);
    }
}
