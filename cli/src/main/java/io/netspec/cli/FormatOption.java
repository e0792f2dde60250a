package io.netspec.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --format} value of a command, read one way everywhere: case-insensitive,
 * {@code md} and {@code markdown} interchangeable wherever markdown exists, and one error line,
 * {@code netspec CMD: unknown --format X (expected: a, b, c)}, for anything else.
 */
final class FormatOption {

    private FormatOption() {
    }

    /**
     * The name of {@code names} that {@code value} means, or empty after printing the error line
     * on {@code err} (the caller exits {@link ExitCodes#USAGE}).
     *
     * @param names the command's format names as its help lists them; {@code markdown} among them also accepts {@code md}
     */
    static Optional<String> resolve(String command, String value, List<String> names, PrintStream err) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("md")) {
            v = "markdown";
        }
        if (names.contains(v)) {
            return Optional.of(v);
        }
        err.println("netspec " + command + ": unknown --format " + value + " (expected: " + String.join(", ", names) + ")");
        return Optional.empty();
    }
}
