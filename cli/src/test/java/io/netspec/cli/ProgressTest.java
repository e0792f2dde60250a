package io.netspec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void showsThePhaseAfterTheDelayAndClearsTheLineAtClose() throws InterruptedException {
        Progress progress = new Progress(terminal, clock::get, 2_000, 5);
        try (progress) {
            progress.show("running rules");
            clock.set(2_999); // 1.999 s in: too early
            progress.tick();
            assertThat(printed()).isEmpty();
            clock.set(4_500);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!printed().contains("running rules") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(printed()).startsWith("\rnetspec: running rules (3 s)");
            assertThat(progress.running()).isTrue();
        }
        String line = "netspec: running rules (3 s)";
        assertThat(printed()).endsWith("\r" + " ".repeat(line.length()) + "\r").doesNotContain("\n");
        assertThat(progress.running()).isFalse();
    }

    @Test
    void aShorterPhaseOverwritesTheWholeLongerOne() {
        try (Progress progress = new Progress(terminal, clock::get, 0, 0)) {
            progress.show("computing connectivity");
            progress.tick();
            progress.show("writing report");
            bytes.reset();
            progress.tick();
            assertThat(printed())
                    .isEqualTo("\rnetspec: writing report (0 s)"
                            + " ".repeat("computing connectivity".length() - "writing report".length()));
        }
    }

    @Test
    void theCommandsOwnOutputClearsTheLineFirstAndIsNotOverwrittenMidLine() {
        ByteArrayOutputStream commandBytes = new ByteArrayOutputStream();
        try (Progress progress = new Progress(terminal, clock::get, 0, 0)) {
            PrintStream err =
                    progress.clearing(new PrintStream(commandBytes, true, StandardCharsets.UTF_8), "stderr.encoding");
            progress.show("loading manifests");
            progress.tick();
            assertThat(printed()).contains("loading manifests");
            err.print("a.yaml:3: error");
            assertThat(printed()).endsWith("\r" + " ".repeat("netspec: loading manifests (0 s)".length()) + "\r");
            assertThat(commandBytes.toString(StandardCharsets.UTF_8)).isEqualTo("a.yaml:3: error");
            bytes.reset();
            progress.tick(); // mid-line: the \r would overwrite the command's text
            assertThat(printed()).isEmpty();
            err.println();
            progress.tick();
            assertThat(printed()).contains("loading manifests");
        }
    }

    @Test
    void theNormalFactoryPrintsNothingOutsideATerminal() {
        PrintStream before = System.err;
        PrintStream outBefore = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        PrintStream capturing = System.err;
        try {
            try (Progress progress = Progress.start()) {
                Progress.phase("running rules");
                assertThat(progress.running()).isFalse();
            }
            assertThat(captured.toByteArray()).isEmpty();
            assertThat(System.err).isSameAs(capturing);
            assertThat(System.out).isSameAs(outBefore);
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void onlyOnAnInteractiveTerminalWithoutOptOut() {
        assertThat(Progress.enabled(true, Map.of())).isTrue();
        assertThat(Progress.enabled(true, Map.of("TERM", "xterm-256color", "NETSPEC_PROGRESS", "1")))
                .isTrue();
        assertThat(Progress.enabled(false, Map.of("TERM", "xterm"))).isFalse();
        assertThat(Progress.enabled(true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(Progress.enabled(true, Map.of("NETSPEC_PROGRESS", "0"))).isFalse();
        assertThat(Progress.interactive()).isFalse(); // the test JVM has no terminal
    }
}
