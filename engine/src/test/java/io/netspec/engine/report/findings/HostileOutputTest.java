package io.netspec.engine.report.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netspec.engine.findings.CheckResult;
import io.netspec.engine.findings.Finding;
import io.netspec.engine.findings.RuleInfo;
import io.netspec.engine.findings.Severity;
import io.netspec.engine.load.LoadProblem;
import io.netspec.engine.model.Printable;
import io.netspec.engine.model.SourceRef;
import io.netspec.engine.report.Markdown;
import io.netspec.engine.rules.packs.PackProblem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Output that cannot be forged (issue 16): user text with ESC, CR, LF, Markdown, HTML and GitHub workflow
 * commands in it stays one line of inert text in every format, and the structured formats stay valid.
 */
class HostileOutputTest {

    /** A name an attacker chose: an ESC sequence, a forged error line, a forged GitHub command, a table row. */
    private static final String EVIL = "web\u001b[2J\r\nfake.yaml:1: error [x] all clear\n::error file=a.yaml::forged"
            + "\n| injected | row |\n![img](https://evil.invalid/x.png)<img src=x onerror=alert(1)>@org/team\u0085next";

    private static CheckResult result() {
        RuleInfo rule = new RuleInfo(
                "host-network",
                Severity.ERROR,
                "Workload uses the host network",
                "Remove hostNetwork.",
                List.of(),
                "segmentation",
                "host network",
                new SourceRef("builtin:segmentation/host-network.drl", 3));
        return new CheckResult(
                List.of(
                        new Finding(
                                rule.id(),
                                Severity.ERROR,
                                rule.title(),
                                "workload shop/" + EVIL + " uses the host network",
                                rule.remediation(),
                                "Deployment",
                                "shop",
                                EVIL,
                                new SourceRef("k8s/" + EVIL + ".yaml", 4),
                                false,
                                ""),
                        new Finding(
                                rule.id(),
                                Severity.ERROR,
                                rule.title(),
                                "waived one",
                                rule.remediation(),
                                "Deployment",
                                "shop",
                                "w",
                                new SourceRef("k8s/w.yaml", 1),
                                true,
                                EVIL)),
                List.of(rule));
    }

    private static final ReportContext CONTEXT = new ReportContext("1.0", Path.of("/work"));

    @Test
    void printableShowsEveryControlCharacterOnOneLine() {
        assertThat(Printable.line("a\nb\rc\td\u001be\u0085f\u2028g\u202Eh\u0000"))
                .isEqualTo("a\\nb\\rc\\td\\u{001B}e\\u{0085}f\\u{2028}g\\u{202E}h\\u{0000}");
        assertThat(Printable.line("plain: caf\u00e9 \u4e16")).isEqualTo("plain: caf\u00e9 \u4e16");
    }

    @Test
    void loadAndPackProblemsAreOneLineWithoutEscapeSequences() {
        String load = LoadProblem.error(new SourceRef("x\n.yaml", 2), "metadata.name: invalid \"" + EVIL + "\"")
                .toString();
        String pack = new PackProblem("p\r.drl", 3, EVIL).toString();
        for (String s : List.of(load, pack)) {
            assertThat(s).doesNotContain("\n", "\r", "\u001b", "\u0085");
        }
        assertThat(load).startsWith("x\\n.yaml:2: metadata.name: invalid \"web\\u{001B}[2J\\r\\nfake.yaml:1:");
    }

    @Test
    void textFindingsCannotForgeLinesOrDriveTheTerminal() {
        String out = new TextRenderer().render(result(), CONTEXT);
        assertThat(out).doesNotContain("\u001b", "\r", "\u0085");
        assertThat(Arrays.stream(out.split("\n"))).noneMatch(l -> l.startsWith("fake.yaml") || l.startsWith("::"));
        assertThat(out.split("\n"))
                .hasSize(9); // finding, remediation, blank, "waived:", finding, reason, blank, summary, packs
    }

    @Test
    void githubAnnotationsCannotForgeAWorkflowCommand() {
        String out = new GithubRenderer().render(result(), CONTEXT);
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("::notice file=k8s/w.yaml");
        assertThat(lines[1]).startsWith("::error file=k8s/web").doesNotContain("\r", "\u001b");
        assertThat(lines[2]).startsWith("netspec: ");
        // the data never holds a raw CR or LF, and GitHub unescapes only netspec's own %0A to a line break
        assertThat(out).doesNotContain("%0A::", "%0Afake.yaml", "%0D");
        assertThat(lines[0]).endsWith("%0ARemove hostNetwork.");
    }

    @Test
    void markdownKeepsUserTextInert() {
        String out = new MarkdownRenderer().render(result(), CONTEXT);
        assertThat(out).doesNotContain("\u001b", "\r");
        // inside code spans HTML and links are literal text; outside them nothing may be live
        String outsideCode = out.replaceAll("(`+).*?\\1", "");
        assertThat(outsideCode).doesNotContain("<img", "](", "@org");
        long rows =
                Arrays.stream(out.split("\n")).filter(l -> l.startsWith("|")).count();
        assertThat(rows).as("two tables of a header, a rule and one row each").isEqualTo(6);
        assertThat(Markdown.code("a`b|c")).isEqualTo("``a`b\\|c``");
    }

    @Test
    void structuredFormatsStayValidAndKeepTheText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode report = json.readTree(new JsonRenderer().render(result(), CONTEXT));
        assertThat(report.toString()).contains("fake.yaml:1:");
        JsonNode sarif = json.readTree(new SarifRenderer().render(result(), CONTEXT));
        assertThat(sarif.path("runs").get(0).path("results").size()).isEqualTo(2);
        Document junit = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(
                        new JunitRenderer().render(result(), CONTEXT).getBytes(StandardCharsets.UTF_8)));
        assertThat(junit.getDocumentElement().getTextContent()).contains("fake.yaml:1:");
    }

    @Test
    void everyFormatSaysWhichConfigTheRunUsed() {
        ReportContext context = CONTEXT.withConfig("ci/.netspec.yaml");
        for (ReportFormat format : ReportFormat.values()) {
            assertThat(format.renderer().render(result(), context))
                    .as(format.name())
                    .contains("ci/.netspec.yaml");
        }
        assertThat(new TextRenderer().render(result(), CONTEXT)).contains("config: none");
    }
}
