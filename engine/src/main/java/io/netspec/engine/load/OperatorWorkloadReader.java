package io.netspec.engine.load;

import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A custom resource of an {@link OperatorTable} entry to the workload of the pods its operator runs:
 * {@code ns/name[Kind]}, with the entry's labels ({@code {name}} replaced), the labels copied from
 * the resource ({@code podLabelsFrom}, which win, as the operators apply them last only for keys they
 * do not own; a conflict is rare and the user's labels are what their Services select), the entry's
 * ports and the replica count read from the resource.
 */
final class OperatorWorkloadReader {

    private OperatorWorkloadReader() {}

    static Workload read(YamlMap object, ObjectMeta meta, OperatorTable.Entry entry) {
        Map<String, String> labels = new TreeMap<>();
        for (String path : entry.podLabelsFrom()) {
            at(object, path).ifPresent(parent -> labels.putAll(Labels.read(parent.map, parent.key)));
        }
        entry.podLabels().forEach((k, v) -> labels.put(k, v.replace("{name}", meta.name())));
        int replicas = entry.defaultReplicas();
        if (!entry.replicasFrom().isEmpty()) {
            replicas = at(object, entry.replicasFrom())
                    .flatMap(p -> p.map.integer(p.key))
                    .filter(n -> n >= 0 && n <= Integer.MAX_VALUE)
                    .map(Long::intValue)
                    .orElse(replicas);
        }
        return new Workload(
                meta.kind(),
                meta.kind(),
                meta.namespace(),
                meta.name(),
                labels,
                Optional.empty(),
                entry.ports(),
                false,
                replicas,
                "",
                meta.annotations(),
                List.of(),
                List.of(),
                object.source(),
                entry.images());
    }

    private record Field(YamlMap map, String key) {}

    /** The map holding the last key of a dotted path, and that key. */
    private static Optional<Field> at(YamlMap object, String path) {
        String[] keys = path.split("\\.");
        YamlMap map = object;
        for (int i = 0; i < keys.length - 1; i++) {
            Optional<YamlMap> next = map.map(keys[i]);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            map = next.get();
        }
        return map.has(keys[keys.length - 1]) ? Optional.of(new Field(map, keys[keys.length - 1])) : Optional.empty();
    }
}
