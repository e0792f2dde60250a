package io.netspec.engine.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The CNI plugin that enforces policy in the cluster, which decides which policy kinds take part
 * in connectivity and with which semantics. {@link #AUTO} is a request, never a resolved choice:
 * the loader infers the plugin from the policy kinds present.
 */
public enum NetworkPlugin {
    AUTO,
    CALICO,
    CILIUM,
    NONE;

    /** As written on the command line and in {@code .netspec.yaml}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NetworkPlugin> parse(String text) {
        for (NetworkPlugin p : values()) {
            if (p.wireName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
