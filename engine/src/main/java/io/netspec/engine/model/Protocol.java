package io.netspec.engine.model;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a NetworkPolicy can name. Kubernetes defaults to TCP. */
public enum Protocol {
    TCP,
    UDP,
    SCTP;

    /** Parses a protocol name as Kubernetes writes it (upper case); case-insensitive. */
    public static Optional<Protocol> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
