package io.netspec.engine.rules.runtime;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What Drools prints on stderr while it compiles DRL, held instead of shown: its parsers report skipped
 * characters as bare {@code line 1:5 ...} lines that name no file. Compiling happens once, on one thread, at
 * start-up, so swapping {@link System#err} for that time is safe.
 */
final class ParserNoise {

    private final PrintStream original;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    private ParserNoise(PrintStream original) {
        this.original = original;
    }

    static ParserNoise capture() {
        ParserNoise noise = new ParserNoise(System.err);
        System.setErr(new PrintStream(noise.held, true, StandardCharsets.UTF_8));
        return noise;
    }

    void release() {
        System.setErr(original);
    }

    /** The lines held, blank ones dropped. */
    List<String> lines() {
        return Arrays.stream(held.toString(StandardCharsets.UTF_8).split("\\R"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }
}
