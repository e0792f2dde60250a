package io.netspec.cli.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.ReachDiff;
import io.netspec.engine.connectivity.ReachDiff.Change;
import io.netspec.engine.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MermaidDiagramTest {

    private static ReachDiff.Line line(Change change, long from, long to, int port) {
        return new ReachDiff.Line(
                change,
                new Endpoint.External(from, from),
                new Endpoint.External(to, to),
                ConnectionSet.single(Protocol.TCP, port));
    }

    @Test
    void addedAreThickRemovedAreDottedAndNodesHaveGeneratedIds() {
        String md = MermaidDiagram.of(List.of(line(Change.ADDED, 1, 2, 443), line(Change.REMOVED, 2, 1, 80)), 10);
        assertThat(md).isEqualTo("""

                ```mermaid
                flowchart LR
                  n0["0.0.0.1-0.0.0.1[External]"]
                  n1["0.0.0.2-0.0.0.2[External]"]
                  n0 ==>|"+ TCP 443"| n1
                  n1 -.->|"- TCP 80"| n0
                ```
                """);
        assertThat(MermaidDiagram.of(List.of(), 10)).isEmpty();
    }

    @Test
    void labelsKeepOnlyCharactersWithoutMeaningToMermaidMarkdownOrHtml() {
        assertThat(MermaidDiagram.label("ns/a\"]-->x[<img src=x onerror=alert(1)>`|#;&"))
                .isEqualTo("ns/a_]--_x[_img src_x onerror_alert_1_______");
        assertThat(MermaidDiagram.label("x".repeat(200))).hasSize(80).endsWith("_");
    }

    @Test
    void aLargeChangeIsCappedWithANote() {
        List<ReachDiff.Line> lines = new ArrayList<>();
        for (int i = 0; i < 75; i++) {
            lines.add(line(Change.ADDED, i, i + 1000, 80));
        }
        String md = MermaidDiagram.of(lines, MermaidDiagram.MAX_EDGES);
        assertThat(md.lines().filter(l -> l.contains("==>"))).hasSize(60);
        assertThat(md).endsWith("\n_The diagram shows 60 of 75 changed connections; the table lists them all._\n");
    }
}
