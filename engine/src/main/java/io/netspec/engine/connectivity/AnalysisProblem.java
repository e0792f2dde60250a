package io.netspec.engine.connectivity;

import io.netspec.engine.model.SourceRef;
import java.util.Locale;

/**
 * Something in the policies that the analysis cannot evaluate as written, found while building
 * it: an error (the result depends on a choice netspec made, e.g. two AdminNetworkPolicies with
 * the same priority) or a warning (a part of a policy that is ignored, e.g. a {@code nodes} peer).
 */
public record AnalysisProblem(Severity severity, SourceRef source, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Compiler style: {@code file:line: warning: message}. */
    @Override
    public String toString() {
        return source + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
