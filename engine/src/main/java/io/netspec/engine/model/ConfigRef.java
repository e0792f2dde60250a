package io.netspec.engine.model;

import java.util.List;

/**
 * What a pod template reads from one ConfigMap, so that a workload is credited only with the keys
 * it reads: {@code env.valueFrom.configMapKeyRef} names one key, {@code envFrom} every key, a volume
 * (or projected volume) with {@code items} those keys, a volume without items every key.
 *
 * @param configMap the ConfigMap's name, in the workload's namespace
 * @param keys      the keys read; empty means every key of the ConfigMap
 * @param use       how the pods see the values: as environment variables or as files
 */
public record ConfigRef(String configMap, List<String> keys, Use use) {

    /** Environment variables are read as they are; files may be documents the program parses. */
    public enum Use {
        ENV,
        FILE
    }

    public ConfigRef {
        keys = List.copyOf(keys);
    }

    public boolean readsAllKeys() {
        return keys.isEmpty();
    }

    public boolean reads(String key) {
        return keys.isEmpty() || keys.contains(key);
    }
}
