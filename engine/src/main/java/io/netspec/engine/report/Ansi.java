package io.netspec.engine.report;

import java.io.Console;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Colour for human text on a terminal, and nowhere else. {@link #forStdout(Mode)} decides once per
 * report: {@code --color=always|never} (the mode the CLI passes) wins; otherwise colour only when standard output is a terminal, {@code TERM} is not {@code dumb}
 * and {@code NO_COLOR} is unset or empty (https://no-color.org: a command-line flag overrides it).
 * Files and pipes never get escape codes.
 */
public final class Ansi {

    /** No escape codes: what files, pipes and tests get. */
    public static final Ansi PLAIN = new Ansi(false);
    /** Escape codes whatever the output is. */
    public static final Ansi COLOR = new Ansi(true);

    public enum Mode {
        AUTO,
        ALWAYS,
        NEVER;

        public static Optional<Mode> parse(String text) {
            try {
                return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException | NullPointerException e) {
                return Optional.empty();
            }
        }
    }

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    /** For a report written to standard output under {@code mode} ({@code --color}). */
    public static Ansi forStdout(Mode mode) {
        return of(mode, stdoutIsTerminal(), System.getenv());
    }

    /** The decision, given whether stdout is a terminal and the environment. */
    static Ansi of(Mode mode, boolean terminal, Map<String, String> env) {
        return switch (mode) {
            case ALWAYS -> COLOR;
            case NEVER -> PLAIN;
            case AUTO ->
                terminal
                                && !"dumb".equals(env.get("TERM"))
                                && env.getOrDefault("NO_COLOR", "").isEmpty()
                        ? COLOR
                        : PLAIN;
        };
    }

    /**
     * {@code System.console() != null}, and on JDK 22 and newer (where a console exists even when
     * the streams are redirected) also {@code Console.isTerminal()}.
     */
    public static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a console means a terminal
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String blue(String text) {
        return wrap("34", text);
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    /** A severity word as {@code check} prints it: error red, warning yellow, info blue. */
    public String severity(String word) {
        return switch (word) {
            case "error" -> red(word);
            case "warning" -> yellow(word);
            case "info" -> blue(word);
            default -> word;
        };
    }

    private String wrap(String code, String text) {
        return enabled ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
    }
}
