package io.netspec.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Main.run("rules", "list", "--format", "markdown", "--fixtures", FIXTURES,
                "--output-dir", dir.toString())).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        List<Path> committed = committedPages();
        assertThat(committed).extracting(p -> p.getFileName().toString())
                .containsExactly("segmentation.md", "service-discovery.md");
        try (Stream<Path> written = Files.list(dir)) {
            assertThat(written.map(p -> p.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(committed.stream().map(p -> p.getFileName().toString()).toList());
        }
        for (Path page : committed) {
            assertThat(Files.readString(dir.resolve(page.getFileName()), StandardCharsets.UTF_8))
                    .as(page.toString()).isEqualTo(Files.readString(page, StandardCharsets.UTF_8));
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
        assertThat(Main.run("rules", "--format", "markdown", "--fixtures", FIXTURES)).isEqualTo(0);
        String expected = Files.readString(DOCS.resolve("segmentation.md"), StandardCharsets.UTF_8) + "\n"
                + Files.readString(DOCS.resolve("service-discovery.md"), StandardCharsets.UTF_8);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void withoutFixturesThePagesLeaveTheExamplesOut() {
        assertThat(Main.run("rules", "list", "--format", "markdown")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\n## dangling-service\n")
                .doesNotContain("Fires on:", "<details>");
    }

    @Test
    void docsOptionsNeedMarkdownAndAnExistingFolder() {
        assertThat(Main.run("rules", "list", "--fixtures", FIXTURES)).isEqualTo(2);
        assertThat(Main.run("rules", "list", "--format", "markdown", "--fixtures", "no/such/dir")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--fixtures no/such/dir: no such folder");
    }
}
