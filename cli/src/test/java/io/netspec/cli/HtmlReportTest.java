package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.cli.html.HtmlPage;
import io.netspec.cli.html.ReportData;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.load.LoadOptions;
import io.netspec.engine.load.ManifestLoader;
import io.netspec.engine.model.SourceRef;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report's file: self-contained, data embedded safely, same evidence as {@code explain}. */
class HtmlReportTest {

    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"netspec-data\">(.*?)</script>", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    @TempDir
    Path dir;

    /** The shop's report with one finding and a title full of markup and script. */
    static void writeHostile(Path file, String hostile) throws IOException {
        ConnectivityAnalysis analysis = ConnectivityAnalysis.of(new ManifestLoader(LoadOptions.DEFAULTS)
                .load(List.of(TestCommandTest.EXAMPLES.resolve("shop")), System.in)
                .cluster());
        Finding finding = new Finding(
                "hostile-rule",
                Severity.ERROR,
                hostile,
                hostile,
                hostile,
                "Deployment",
                "shop-backend",
                "api",
                new SourceRef(hostile, 3),
                false,
                "");
        ReportData.Input in = new ReportData.Input(
                ReportData.Mode.CHECK,
                hostile,
                "test",
                analysis,
                analysis.reach().toList(),
                Optional.of(List.of(finding)),
                Optional.empty(),
                5);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HtmlPage.write(in, new HtmlEvidence(), out);
        }
    }

    static JsonNode data(String html) throws IOException {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("embedded data").isTrue();
        return JSON.readTree(m.group(1));
    }

    @Test
    void userTextCannotCloseTheScriptElementOrOpenMarkup() throws IOException {
        String hostile = "</script><script>alert(1)</script><!-- \u2028 & <b>";
        Path file = dir.resolve("hostile.html");
        writeHostile(file, hostile);
        String html = Files.readString(file);
        // the page's own two script elements end once each; nothing the data holds ends one
        assertThat(html.split("</script>", -1)).hasSize(3);
        assertThat(html).doesNotContain("<script>alert", "<!-- \u2028", "<b>");
        assertThat(html)
                .contains(
                        "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- \u2028 &amp; &lt;b&gt;</title>");
        JsonNode data = data(html);
        assertThat(data.path("title").asText()).isEqualTo(hostile);
        assertThat(data.path("findings").get(0).path("message").asText()).isEqualTo(hostile);
        assertThat(data.path("files")
                        .get(data.path("findings").get(0).path("f").asInt())
                        .asText())
                .isEqualTo(hostile);
        // linked to the workload it concerns
        JsonNode node =
                data.path("nodes").get(data.path("findings").get(0).path("node").asInt());
        assertThat(node.path("name").asText()).isEqualTo("api");
        assertThat(data.path("namespaces").get(node.path("ns").asInt()).asText())
                .isEqualTo("shop-backend");
        // only 5 explanations were asked for
        assertThat(data.path("explanations")).hasSize(5);
        assertThat(data.path("explanationsOmitted").asInt()).isEqualTo(16);
    }

    @Test
    void thePageFetchesNothingAndRunsOnlyItsOwnScript() throws IOException {
        Path file = dir.resolve("shop.html");
        assertThat(Main.run("report", TestCommandTest.EXAMPLES.resolve("shop").toString(), "-o", file.toString()))
                .isZero();
        // the SVG namespace is a name, not an address: createElementNS needs it
        String html = Files.readString(file).replace("'http://www.w3.org/2000/svg'", "SVG");
        assertThat(html)
                .contains("content=\"default-src 'none'; script-src 'sha256-")
                .doesNotContain("http://", "https://", "src=", "<link", "@import", "url(http");
        assertThat(console.err()).contains("netspec: wrote " + file);
    }

    @Test
    void anEdgeCarriesTheEvidenceExplainPrints() throws IOException {
        String shop = TestCommandTest.EXAMPLES.resolve("shop").toString();
        Path file = dir.resolve("shop.html");
        assertThat(Main.run("report", shop, "-o", file.toString())).isZero();
        JsonNode data = data(Files.readString(file));
        assertThat(Main.run("explain", shop, "--from", "shop-backend/api", "--to", "shop-data/postgres", "-f", "json"))
                .isZero();
        JsonNode explained = JSON.readTree(console.out());
        JsonNode found = null;
        JsonNode edges = data.path("edges");
        for (int i = 0; i < edges.size() / 4; i++) {
            String from = data.path("nodes")
                    .get(edges.get(4 * i).asInt())
                    .path("name")
                    .asText();
            String to = data.path("nodes")
                    .get(edges.get(4 * i + 1).asInt())
                    .path("name")
                    .asText();
            if (from.equals("api") && to.equals("postgres")) {
                assertThat(data.path("conns")
                                .get(edges.get(4 * i + 2).asInt())
                                .path("text")
                                .asText())
                        .isEqualTo("TCP 5432");
                assertThat(data.path("layers").get(edges.get(4 * i + 3).asInt()).asText())
                        .isEqualTo("network-policy");
                for (JsonNode info : data.path("edgeInfo")) {
                    if (info.get(0).asInt() == i) {
                        found = data.path("explanations")
                                .get(info.get(1).asInt())
                                .path("evidence");
                    }
                }
            }
        }
        assertThat(found).isEqualTo(explained);
        assertThat(edges).hasSize(21 * 4);
        assertThat(data.path("findings")).hasSize(1);
    }

    @Test
    void checkAndReachWriteTheSamePageWithAndWithoutFindings() throws IOException {
        String shop = TestCommandTest.EXAMPLES.resolve("shop").toString();
        Path check = dir.resolve("check.html");
        assertThat(Main.run("check", shop, "--format", "html", "-o", check.toString(), "--fail-on", "warning"))
                .as("check keeps its gate")
                .isEqualTo(1);
        assertThat(data(Files.readString(check)).path("mode").asText()).isEqualTo("check");
        Path reach = dir.resolve("reach.html");
        assertThat(Main.run("reach", shop, "--format", "HTML", "--to", "shop-data/postgres", "-o", reach.toString()))
                .isZero();
        JsonNode data = data(Files.readString(reach));
        assertThat(data.path("mode").asText()).isEqualTo("reach");
        assertThat(data.has("findings")).isFalse();
        assertThat(data.path("edges")).hasSize(4);
    }

    @Test
    void reportExitsZeroWhateverTheFindingsAndTwoOnBadInput() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Service\nmetadata: [oops\n");
        assertThat(Main.run(
                        "report", bad.toString(), "-o", dir.resolve("x.html").toString()))
                .isEqualTo(2);
        assertThat(dir.resolve("x.html")).doesNotExist();
        assertThat(Main.run(
                        "report",
                        TestCommandTest.EXAMPLES
                                .resolve("broken/namespace-label-missing")
                                .toString(),
                        "-o",
                        dir.resolve("y.html").toString()))
                .isZero();
        assertThat(Main.run("report", bad.toString(), "--max-explanations", "-1"))
                .isEqualTo(2);
    }

    @Test
    void diffMarkdownCarriesAMermaidDiagramOfTheChangedEdges() throws IOException {
        Path before = TestCommandTest.EXAMPLES.resolve("shop");
        Path after = dir.resolve("new");
        HtmlReportBrowserTest.copy(before, after);
        Files.writeString(after.resolve("policies/worker-to-postgres.yaml"), HtmlReportBrowserTest.WORKER_TO_POSTGRES);
        assertThat(Main.run("diff", before.toString(), after.toString(), "--format", "md"))
                .isZero();
        assertThat(console.out()).contains("""
                ```mermaid
                flowchart LR
                  n0["shop-backend/worker[Deployment]"]
                  n1["shop-data/postgres[StatefulSet]"]
                  n0 ==>|"+ TCP 5432"| n1
                ```
                """);
    }
}
