package io.netspec.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsiTest {

    @Test
    void autoColoursOnlyATerminalThatIsNotDumbWithoutNoColor() {
        assertThat(Ansi.of(Ansi.Mode.AUTO, true, Map.of("TERM", "xterm-256color"))
                        .enabled())
                .isTrue();
        assertThat(Ansi.of(Ansi.Mode.AUTO, true, Map.of()).enabled()).isTrue();
        assertThat(Ansi.of(Ansi.Mode.AUTO, false, Map.of("TERM", "xterm")).enabled())
                .isFalse();
        assertThat(Ansi.of(Ansi.Mode.AUTO, true, Map.of("TERM", "dumb")).enabled())
                .isFalse();
        assertThat(Ansi.of(Ansi.Mode.AUTO, true, Map.of("NO_COLOR", "1")).enabled())
                .isFalse();
        // no-color.org: an empty NO_COLOR does not count
        assertThat(Ansi.of(Ansi.Mode.AUTO, true, Map.of("NO_COLOR", "")).enabled())
                .isTrue();
    }

    @Test
    void anExplicitModeWinsOverTheTerminalAndNoColor() {
        assertThat(Ansi.of(Ansi.Mode.ALWAYS, false, Map.of("NO_COLOR", "1")).enabled())
                .isTrue();
        assertThat(Ansi.of(Ansi.Mode.NEVER, true, Map.of()).enabled()).isFalse();
        assertThat(Ansi.Mode.parse(" Always ")).contains(Ansi.Mode.ALWAYS);
        assertThat(Ansi.Mode.parse("sometimes")).isEmpty();
    }

    @Test
    void testsAndPipesGetNoColourByDefault() {
        // surefire's forked JVM has no terminal
        assertThat(Ansi.forStdout(Ansi.Mode.AUTO).enabled()).isFalse();
    }

    @Test
    void severityWordsAndPlainText() {
        assertThat(Ansi.COLOR.severity("error")).isEqualTo("\u001B[31merror\u001B[0m");
        assertThat(Ansi.COLOR.severity("warning")).isEqualTo("\u001B[33mwarning\u001B[0m");
        assertThat(Ansi.COLOR.severity("info")).isEqualTo("\u001B[34minfo\u001B[0m");
        assertThat(Ansi.PLAIN.severity("error")).isEqualTo("error");
        assertThat(Ansi.PLAIN.green("+")).isEqualTo("+");
    }
}
