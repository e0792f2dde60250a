package io.netspec.engine.load;

import io.netspec.engine.model.Printable;
import io.netspec.engine.model.SourceRef;

/**
 * Something wrong with the input, as a value: collected while loading, reported together.
 * An {@link Severity#ERROR} makes the CLI exit 2; a {@link Severity#WARNING} is only shown.
 */
public record LoadProblem(SourceRef source, Severity severity, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static LoadProblem error(SourceRef source, String message) {
        return new LoadProblem(source, Severity.ERROR, message);
    }

    public static LoadProblem warning(SourceRef source, String message) {
        return new LoadProblem(source, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * A name or namespace the API server would reject: a warning, and the object is still read,
     * because its meaning for the network does not depend on it.
     */
    public boolean isInvalidName() {
        return (message.startsWith("metadata.name: invalid ")
                || message.startsWith("metadata.namespace: invalid ")
                || message.startsWith("metadata.generateName: invalid "));
    }

    /** {@code FILE:LINE: message} (warnings say so), on one line with control characters shown escaped. */
    @Override
    public String toString() {
        return Printable.line(source + ": " + (severity == Severity.WARNING ? "warning: " : "") + message);
    }
}
