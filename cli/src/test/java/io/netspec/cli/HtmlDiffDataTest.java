package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The data of {@code diff --format html}: which edges and workloads are marked, and which side explains them. */
class HtmlDiffDataTest {

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @TempDir
    Path dir;

    @Test
    void aRemovedWorkloadIsMarkedAndItsLostConnectionsAreExplainedByTheOldSide() throws IOException {
        Path before = Files.createDirectories(dir.resolve("old"));
        Path after = Files.createDirectories(dir.resolve("new"));
        Files.writeString(before.resolve("shop.yaml"), ReachCommandTest.SHOP);
        Files.writeString(before.resolve("extra.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: shop}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec: {containers: [{name: cache, image: redis}]}
                """);
        Files.writeString(after.resolve("shop.yaml"), ReachCommandTest.SHOP);
        Path html = dir.resolve("diff.html");
        assertThat(Main.run("diff", before.toString(), after.toString(), "--format", "html", "-o", html.toString()))
                .as(console.err())
                .isZero();
        JsonNode data = HtmlReportTest.data(Files.readString(html));
        assertThat(data.path("mode").asText()).isEqualTo("diff");
        int cache = -1;
        for (int i = 0; i < data.path("nodes").size(); i++) {
            if (data.path("nodes").get(i).path("name").asText().equals("cache")) {
                cache = i;
                assertThat(data.path("nodes").get(i).path("change").asText()).isEqualTo("removed");
            }
        }
        assertThat(cache).isNotNegative();
        List<String> sides = new ArrayList<>();
        JsonNode edges = data.path("edges");
        for (JsonNode info : data.path("edgeInfo")) {
            int e = info.get(0).asInt();
            boolean touchesCache =
                    edges.get(4 * e).asInt() == cache || edges.get(4 * e + 1).asInt() == cache;
            assertThat(data.path("statuses").get(info.get(2).asInt()).asText())
                    .as("edge " + e)
                    .isEqualTo(touchesCache ? "removed" : "same");
            if (touchesCache) {
                sides.add(data.path("explanations")
                        .get(info.get(1).asInt())
                        .path("side")
                        .asText());
            }
        }
        assertThat(sides).isNotEmpty().containsOnly("old");
    }
}
