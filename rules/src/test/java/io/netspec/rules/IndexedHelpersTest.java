package io.netspec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules call the index-backed helpers with {@code net} (the check's one index), never with
 * the bare {@code cluster}: the cluster forms build a new index per call, so a rule asking per workload
 * costs workloads x objects (one such call made an L cluster's check run for minutes).
 */
class IndexedHelpersTest {

    private static final Pattern BARE_CLUSTER_CALL = Pattern.compile(
            "\\b(ServiceReferences\\.(callsIn|unknownIn)|Exposure\\.exposersOf"
                    + "|PolicyShapes\\.(pinnedToKnownNamespaces|unknownNamespaceLabels))\\((cluster\\s*,|[^,()]+,\\s*cluster\\s*\\))");

    @Test
    void builtInRulesPassNetToIndexedHelpers() throws IOException {
        Path packs = Path.of("src/main/resources/netspec/packs");
        List<Path> drl;
        try (Stream<Path> files = Files.walk(packs)) {
            drl = files.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        assertThat(drl).isNotEmpty();
        StringBuilder offenders = new StringBuilder();
        for (Path file : drl) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = BARE_CLUSTER_CALL.matcher(lines.get(i));
                if (m.find()) {
                    offenders
                            .append(file)
                            .append(':')
                            .append(i + 1)
                            .append(": ")
                            .append(m.group())
                            .append('\n');
                }
            }
        }
        assertThat(offenders.toString())
                .as("helpers called with the bare cluster")
                .isEmpty();
        assertThat(BARE_CLUSTER_CALL
                        .matcher("from ServiceReferences.callsIn(cluster, $w)")
                        .find())
                .isTrue();
        assertThat(BARE_CLUSTER_CALL
                        .matcher("PolicyShapes.unknownNamespaceLabels($peer, cluster)")
                        .find())
                .isTrue();
    }
}
