package io.netspec.engine.model.calico;

import java.util.Optional;

/** A Calico rule's {@code action}. */
public enum CalicoAction {
    ALLOW("Allow"),
    DENY("Deny"),
    PASS("Pass"),
    LOG("Log");

    private final String wireName;

    CalicoAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Calico's validator takes the action names as written ({@code Allow}); case-insensitive here, with a warning by the reader. */
    public static Optional<CalicoAction> parse(String text) {
        for (CalicoAction a : values()) {
            if (a.wireName.equalsIgnoreCase(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
