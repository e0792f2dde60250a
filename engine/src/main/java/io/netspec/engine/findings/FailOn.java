package io.netspec.engine.findings;

import java.util.Locale;
import java.util.Optional;

/** The {@code --fail-on} threshold: findings at or above it (unwaived) make {@code check} exit 1. */
public enum FailOn {
    ERROR,
    WARNING,
    INFO,
    NONE;

    public boolean fails(Severity severity) {
        return switch (this) {
            case ERROR -> severity == Severity.ERROR;
            case WARNING -> severity != Severity.INFO;
            case INFO -> true;
            case NONE -> false;
        };
    }

    public static Optional<FailOn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
