package io.netspec.engine.findings;

import java.util.Locale;
import java.util.Optional;

/** How bad a finding is. Maps one-to-one onto SARIF levels (error, warning, note). */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used in DRL metadata, config, reports and on the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public static Optional<Severity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Severity s : values()) {
            if (s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
