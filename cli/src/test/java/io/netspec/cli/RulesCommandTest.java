package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netspec rules list --format markdown} regenerates the committed catalogue pages of the
 * built-in packs ({@code rules/docs/<pack>.md}) byte for byte, given the fixtures folder.
 */
class RulesCommandTest {

    static final Path DOCS = Path.of("../rules/docs");
    static final String FIXTURES = "../rules/src/test/resources";

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut;
    PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    static List<Path> committedPages() throws Exception {
        try (Stream<Path> pages = Files.list(DOCS)) {
            return pages.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void outputDirHoldsExactlyTheCommittedPages(@TempDir Path dir) throws Exception {
        assertThat(Main.run(
                        "rules",
                        "list",
                        "--format",
                        "markdown",
                        "--fixtures",
                        FIXTURES,
                        "--output-dir",
                        dir.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        List<Path> committed = committedPages();
        assertThat(committed)
                .extracting(p -> p.getFileName().toString())
                .containsExactly("segmentation.md", "service-discovery.md");
        try (Stream<Path> written = Files.list(dir)) {
            assertThat(written.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(committed.stream()
                            .map(p -> p.getFileName().toString())
                            .toList());
        }
        for (Path page : committed) {
            assertThat(Files.readString(dir.resolve(page.getFileName()), StandardCharsets.UTF_8))
                    .as(page.toString())
                    .isEqualTo(Files.readString(page, StandardCharsets.UTF_8));
        }
    }

    @Test
    void mdIsMarkdown() {
        assertThat(Main.run("rules", "list", "--format", "markdown")).isEqualTo(0);
        String markdown = out.toString(StandardCharsets.UTF_8);
        out.reset();
        assertThat(Main.run("rules", "list", "-f", "md")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(markdown).startsWith("# Rule pack");
    }

    @Test
    void stdoutPrintsThePagesOneAfterTheOther() throws Exception {
        assertThat(Main.run("rules", "--format", "markdown", "--fixtures", FIXTURES))
                .isEqualTo(0);
        String expected = Files.readString(DOCS.resolve("segmentation.md"), StandardCharsets.UTF_8) + "\n"
                + Files.readString(DOCS.resolve("service-discovery.md"), StandardCharsets.UTF_8);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void withoutFixturesThePagesLeaveTheExamplesOut() {
        assertThat(Main.run("rules", "list", "--format", "markdown")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\n## dangling-service\n")
                .doesNotContain("Fires on:", "<details>");
    }

    @Test
    void docsOptionsNeedMarkdownAndAnExistingFolder() {
        assertThat(Main.run("rules", "list", "--fixtures", FIXTURES)).isEqualTo(2);
        assertThat(Main.run("rules", "list", "--format", "markdown", "--fixtures", "no/such/dir"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fixtures no/such/dir: no such folder");
    }

    /**
     * {@code rules test --cni}: fixtures that declare no plugin run under it; a fixture's own {@code # cni:} wins.
     * The built-in non-isolated-workload rule passes on a Calico global default deny only when Calico enforces it.
     */
    @Test
    void rulesTestRunsFixturesUnderTheCniPlugin(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        Files.createDirectories(pack.resolve("rules"));
        Files.writeString(
                pack.resolve("pack.yaml"),
                "name: calico-conventions\nversion: 1.0.0\n" + "description: Isolation as Calico enforces it.\n");
        Files.writeString(pack.resolve("rules/open.drl"), """
                package com.example.calico;

                import io.netspec.engine.model.*;
                import io.netspec.engine.rules.facts.*;
                import function io.netspec.engine.rules.Report.report;

                rule "open-workload"
                    @id("open-workload")
                    @severity("error")
                    @title("Workload is open for ingress")
                    @remediation("Select it with a default deny.")
                when
                    $i : Isolation(direction == Direction.INGRESS, isolated == false)
                then
                    report(drools, $i.workload(), "workload {w} is open", "w", $i.workload());
                end
                """);
        Path tests = Files.createDirectories(pack.resolve("tests/open-workload"));
        String deployment = """
                apiVersion: apps/v1%s
                kind: Deployment
                metadata: {name: web, namespace: shop}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: web:1}]}
                """;
        String gnp = """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: default-deny}
                spec:
                  selector: all()
                  types: [Ingress]
                """;
        Files.writeString(tests.resolve("pass-global-default-deny.yaml"), deployment.formatted("") + gnp);
        Files.writeString(
                tests.resolve("fail-without-calico.yaml"),
                "# cni: none\n" + deployment.formatted(" # expect: open-workload") + gnp);
        assertThat(Main.run("rules", "test", pack.toString()))
                .as(out.toString() + err)
                .isZero();
        assertThat(out.toString())
                .contains(
                        "ok   calico-conventions/open-workload/pass-global-default-deny.yaml",
                        "ok   calico-conventions/open-workload/fail-without-calico.yaml")
                .endsWith("2 passed, 0 failed\n");
        out.reset();
        // --cni none: the GlobalNetworkPolicy of the pass fixture is enforced by nobody; the fail fixture says its own
        // cni
        assertThat(Main.run("rules", "test", pack.toString(), "--cni", "none")).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString())
                .contains(
                        "FAIL calico-conventions/open-workload/pass-global-default-deny.yaml",
                        "ok   calico-conventions/open-workload/fail-without-calico.yaml")
                .endsWith("1 passed, 1 failed\n");
        out.reset();
        assertThat(Main.run("rules", "test", pack.toString(), "--cni", "weave")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--cni weave: unknown plugin");
    }
}
