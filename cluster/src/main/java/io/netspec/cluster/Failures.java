package io.netspec.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netspec.engine.load.live.ClusterException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** What a failed request means for the read, and the one line that tells the user. */
final class Failures {

    enum Kind {
        ABSENT,
        FORBIDDEN,
        UNAUTHORIZED,
        OTHER
    }

    private Failures() {}

    static Kind classify(KubernetesClientException e) {
        return switch (e.getCode()) {
            case 404 -> Kind.ABSENT;
            case 403 -> Kind.FORBIDDEN;
            case 401 -> Kind.UNAUTHORIZED;
            default -> Kind.OTHER;
        };
    }

    /** A failure that stops the read: one line, naming the server, without the client's class names. */
    static ClusterException fatal(KubernetesClientException e, String server, Duration timeout) {
        if (e.getCode() == 401) {
            return new ClusterException(
                    "the API server at " + server + " rejected the credentials (401 Unauthorized):"
                            + " the token or certificate may have expired; log in again",
                    e);
        }
        Throwable cause = rootCause(e);
        if (find(e, HttpTimeoutException.class, TimeoutException.class, InterruptedIOException.class) != null) {
            return new ClusterException(
                    "the API server at " + server + " did not answer within " + seconds(timeout)
                            + " (--request-timeout)",
                    e);
        }
        Throwable unreachable =
                find(e, ConnectException.class, UnknownHostException.class, NoRouteToHostException.class);
        if (unreachable != null) {
            return new ClusterException("cannot reach the API server at " + server + ": " + describe(unreachable), e);
        }
        Throwable tls = find(e, SSLException.class);
        if (tls != null) {
            return new ClusterException("TLS with the API server at " + server + " failed: " + describe(tls), e);
        }
        if (e.getCode() > 0) {
            String message = e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage()
                    : "";
            return new ClusterException(
                    "the API server at " + server + " answered " + e.getCode()
                            + (message.isEmpty() ? "" : ": " + firstLine(message)),
                    e);
        }
        return new ClusterException("cannot read the cluster at " + server + ": " + oneLine(cause), e);
    }

    /** The outermost exception in the cause chain of one of the types, or null. */
    @SafeVarargs
    private static Throwable find(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The exception's own message, else the class's simple name (ConnectException: "connection refused"). */
    private static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t instanceof ConnectException
                    ? "connection refused"
                    : t.getClass().getSimpleName();
        }
        return firstLine(m);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** The innermost message on one line, or the exception's simple name when it has none. */
    static String oneLine(Throwable t) {
        Throwable c = rootCause(t);
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : firstLine(m);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
