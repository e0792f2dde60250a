package io.netspec.engine.load.live;

/**
 * The cluster cannot be read at all: unknown context, unreachable API server, rejected credentials,
 * a timeout. The message is one line meant for the user (no class names, no stack trace).
 */
public final class ClusterException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
