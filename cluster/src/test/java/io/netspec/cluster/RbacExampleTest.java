package io.netspec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** examples/rbac/netspec-reader.yaml grants exactly the requests the live source makes: no more, no less. */
class RbacExampleTest {

    @Test
    @SuppressWarnings("unchecked")
    void theClusterRoleGrantsExactlyWhatIsRead() throws IOException {
        Set<String> granted = new TreeSet<>();
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of("../examples/rbac/netspec-reader.yaml")))) {
            Map<String, Object> object = (Map<String, Object>) doc;
            if (!"ClusterRole".equals(object.get("kind"))) {
                continue;
            }
            for (Map<String, Object> rule : (List<Map<String, Object>>) object.get("rules")) {
                for (String group : (List<String>) rule.get("apiGroups")) {
                    for (String resource : (List<String>) rule.get("resources")) {
                        for (String verb : (List<String>) rule.get("verbs")) {
                            granted.add(verb + " " + (group.isEmpty() ? "" : group + "/") + resource);
                        }
                    }
                }
            }
        }
        Set<String> needed = new TreeSet<>();
        for (LiveKind k : LiveKind.ALL) {
            needed.add("list " + (k.group().isEmpty() ? "" : k.group() + "/") + k.plural());
        }
        needed.add("get namespaces"); // -n: that one namespace
        needed.add("get configmaps"); // the ones workloads refer to, by name

        assertThat(granted).isEqualTo(needed);
        assertThat(granted)
                .noneMatch(g -> g.contains("secrets"))
                .noneMatch(g -> g.startsWith("watch"))
                .allMatch(g -> g.startsWith("get ") || g.startsWith("list "));
    }
}
