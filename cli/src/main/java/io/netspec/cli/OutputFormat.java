package io.netspec.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every {@code -f/--format} value of the CLI, spelled one way on every command: any case, and
 * {@code md} is {@code markdown}. Which of them a command writes is its {@link Formats}.
 */
enum OutputFormat {
    TEXT,
    PRETTY,
    JSON,
    CSV,
    MARKDOWN("md"),
    DOT,
    JUNIT,
    SARIF,
    GITHUB,
    HTML;

    private final List<String> aliases;

    OutputFormat(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** The name {@code --help} and error messages use. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every spelling that means this format: its name, then its aliases. */
    List<String> spellings() {
        return Stream.concat(Stream.of(wireName()), aliases.stream()).toList();
    }

    static Optional<OutputFormat> parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.spellings().contains(v)).findFirst();
    }
}
