package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.version.NetspecVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: help, version, and mistakes answered with exit 2 and a hint. */
class MainTest {

    /** What one run of the CLI printed and returned. */
    record Run(int exit, String out, String err) {}

    /** Runs the CLI in this JVM, capturing stdout and stderr. */
    static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int exit = Main.run(args);
            System.out.flush();
            System.err.flush();
            return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpListsEverySubcommandOnStdout() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: netspec", "--version", "Exit codes");
        for (String command : new String[] {"inventory", "reach", "explain", "check", "rules", "test", "help"}) {
            assertThat(r.out()).containsPattern("(?m)^\\s+" + command + "\\s");
        }
    }

    @Test
    void helpOfACommandDescribesItsOptions() {
        Run r = run("inventory", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains(
                        "Usage: netspec inventory",
                        "PATH",
                        "--format",
                        "Formats (-f, --format; any case):",
                        "  text  (default) ",
                        "  json  ",
                        "--namespace");
    }

    @Test
    void versionNamesTheProgram() {
        Run r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("netspec " + NetspecVersion.current().version());
        assertThat(r.out()).matches("netspec \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?( \\(commit [0-9a-f]{7,40}\\))?\\R");
        assertThat(r.out().lines()).hasSize(1);
    }

    @Test
    void anUnknownOptionExits2WithAShortHint() {
        Run r = run("--frobnicate");
        assertUsageError(r, "Unknown option: '--frobnicate'", "netspec --help");
    }

    @Test
    void anUnknownCommandExits2AndSuggestsTheNearestOne() {
        Run r = run("inventroy", "examples/shop");
        assertUsageError(r, "inventroy", "netspec --help");
        assertThat(r.err()).contains("inventory");
    }

    @Test
    void anUnknownOptionOfACommandPointsAtThatCommandsHelp() {
        Run r = run("inventory", "--colour", "examples/shop");
        assertUsageError(r, "Unknown option: '--colour'", "netspec inventory --help");
    }

    @Test
    void aBadOptionValueExits2() {
        Run r = run("reach", "--port", "70000", "examples/shop");
        assertUsageError(r, "port 70000 is outside 1-65535", "netspec reach --help");
    }

    @Test
    void aBadFormatGetsOneErrorStyleOnEveryCommand() {
        String[][] commands = {
            {"inventory", "examples/shop"},
            {"reach", "examples/shop"},
            {"explain", "examples/shop", "--from", "shop-frontend/web", "--to", "shop-data/postgres"},
            {"check", "examples/shop"},
            {"rules"},
            {"rules", "list"}
        };
        for (String[] command : commands) {
            String[] args = Stream.concat(Arrays.stream(command), Stream.of("--format", "xml"))
                    .toArray(String[]::new);
            Run r = run(args);
            String name = command[0].equals("rules") && command.length > 1 ? "rules list" : command[0];
            assertThat(r.exit()).as(name).isEqualTo(ExitCodes.USAGE);
            assertThat(r.out()).as(name).isEmpty();
            assertThat(r.err())
                    .as(name)
                    .matches("netspec " + name + ": unknown --format xml \\(expected: text, [a-z, ]+\\)\n");
        }
    }

    @Test
    void noCommandExits2() {
        assertUsageError(run(), "missing command", "netspec --help");
    }

    @Test
    void aCommandWithoutItsPathsExits2() {
        assertUsageError(run("inventory"), "PATH", "netspec inventory --help");
    }

    private static void assertUsageError(Run r, String message, String hint) {
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message).contains(hint).doesNotContain("Exception", "\tat ");
        assertThat(r.err().lines().count())
                .as("a short hint, not the whole help:%n%s", r.err())
                .isLessThanOrEqualTo(8);
    }
}
