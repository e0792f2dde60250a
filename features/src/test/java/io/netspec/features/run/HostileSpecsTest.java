package io.netspec.features.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Specs a stranger wrote (issue 16): a step given an argument it does not take, a FIFO as manifests. */
class HostileSpecsTest {

    private static final String NAMESPACE = """
                Given the manifests:
                  \"\"\"
                  apiVersion: v1
                  kind: Namespace
                  metadata: {name: a}
                  \"\"\"
            """;

    @Test
    void aDocStringOnAStepThatTakesNoneIsAnInputErrorAtItsLine(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir,
                "Feature: f\n  Scenario: s\n" + NAMESPACE
                        + "    Then the checks report no findings\n      \"\"\"\n      surprise\n      \"\"\"\n");
        assertThat(specs.result().exitCode()).as(specs.out()).isEqualTo(2);
        assertThat(specs.out())
                .contains("(line 9)")
                .contains("error: this step takes no doc string, but line 9 gives one")
                .doesNotContain("internal error", "CucumberException");
    }

    @Test
    void aDataTableOnAStepThatTakesNoneIsAnInputErrorAtItsLine(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir,
                "Feature: f\n  Scenario: s\n" + NAMESPACE
                        + "    Then the checks report no findings\n      | a | b |\n");
        assertThat(specs.result().exitCode()).as(specs.out()).isEqualTo(2);
        assertThat(specs.out())
                .contains("error: this step takes no data table, but line 9 gives one")
                .doesNotContain("internal error");
    }

    @Test
    @Timeout(60) // a safety net: opening a FIFO blocks for ever
    void aFifoAmongTheManifestsOfASpecIsNeverOpened(@TempDir Path dir) throws Exception {
        Path manifests = dir.resolve("k8s");
        Files.createDirectories(manifests);
        Files.writeString(manifests.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        assertThat(new ProcessBuilder("mkfifo", manifests.resolve("pipe.yaml").toString())
                        .start()
                        .waitFor())
                .isZero();
        Specs specs = Specs.feature(
                dir,
                "Feature: f\n  Scenario: s\n    Given the manifests in \"k8s\"\n"
                        + "    Then the checks report no findings\n");
        assertThat(specs.result().exitCode()).isEqualTo(2);
        assertThat(specs.out()).contains("pipe.yaml: not a regular file (a FIFO, socket or device); it is not read");
    }

    @Test
    void scenarioNamesAndStepTextCannotDriveTheTerminal(@TempDir Path dir) throws IOException {
        Specs specs = Specs.feature(
                dir,
                "Feature: f\n  Scenario: s\u001b[2J\n" + NAMESPACE
                        + "    Then deployment \"x\u001b]0;pwned\u0007\" in \"a\" cannot reach deployment \"y\" in \"a\"\n");
        assertThat(specs.out()).doesNotContain("\u001b", "\u0007").contains("s\\u{001B}[2J (line 2)");
    }
}
