package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec test --config}: the config's rule settings are checked as {@code netspec check} checks them. */
class TestCommandConfigTest {

    @RegisterExtension
    final ReachConsole console = new ReachConsole();

    private static Path feature(Path dir) throws Exception {
        return Files.writeString(
                dir.resolve("checks.feature"), """
                Feature: checks
                  Scenario: the shop has no findings that are errors
                    Given the manifests in "%s"
                    Then the checks report no errors
                """.formatted(TestCommandTest.EXAMPLES.resolve("shop")));
    }

    @Test
    void aParameterNoRuleDeclaresIsASpecErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("netspec.yaml"), "rules:\n  params:\n    dns-egress-blocked:\n      nonsense: 1\n");
        int code = Main.run("test", feature(dir).toString(), "--config", config.toString());
        assertThat(code).as(console.out() + console.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(console.out())
                .contains("ERROR  the shop has no findings that are errors")
                .contains(config + ":4: rule dns-egress-blocked has no parameter nonsense (it has ")
                .doesNotContain("IllegalArgumentException", "\tat ");
    }

    @Test
    void aValueOfTheWrongTypeToo(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(
                dir.resolve("netspec.yaml"), "rules:\n  params:\n    dns-egress-blocked:\n      podSelector: [a, b]\n");
        int code = Main.run("test", feature(dir).toString(), "--config", config.toString());
        assertThat(code).as(console.out() + console.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(console.out()).contains(config + ":4: parameter podSelector of rule dns-egress-blocked must be ");
    }

    @Test
    void validSettingsRunTheChecks(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("netspec.yaml"), "rules:\n  disable: [dns-egress-blocked]\n");
        int code = Main.run("test", feature(dir).toString(), "--config", config.toString());
        assertThat(console.out()).contains("the shop has no findings that are errors");
        assertThat(code).as(console.out() + console.err()).isIn(ExitCodes.OK, ExitCodes.FAILED);
    }
}
