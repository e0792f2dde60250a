package io.netspec.engine.load.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which cluster to read and how.
 *
 * @param kubeconfig {@code --kubeconfig}; empty: {@code KUBECONFIG}, then {@code ~/.kube/config}, then the
 *                   pod's service account, as kubectl and the client library look for them
 * @param context    {@code --context}; empty: the kubeconfig's current context
 * @param namespace  {@code -n}: only this namespace's objects (cluster-scoped policies are still read,
 *                   since they apply to it); empty: every namespace
 * @param timeout    how long one request may take (connecting included)
 * @param pageSize   objects per list request ({@code limit}; the rest follows with {@code continue})
 * @param retries    how often a request that could not connect or got a 5xx is retried
 */
public record ClusterRequest(
        Optional<Path> kubeconfig,
        Optional<String> context,
        Optional<String> namespace,
        Duration timeout,
        int pageSize,
        int retries) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PAGE_SIZE = 500;

    public ClusterRequest {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, not " + pageSize);
        }
    }

    public static ClusterRequest of(Optional<Path> kubeconfig, Optional<String> context, Optional<String> namespace) {
        return new ClusterRequest(kubeconfig, context, namespace, DEFAULT_TIMEOUT, DEFAULT_PAGE_SIZE, 2);
    }

    public ClusterRequest withTimeout(Duration t) {
        return new ClusterRequest(kubeconfig, context, namespace, t, pageSize, retries);
    }

    public ClusterRequest withPageSize(int size) {
        return new ClusterRequest(kubeconfig, context, namespace, timeout, size, retries);
    }

    public ClusterRequest withRetries(int n) {
        return new ClusterRequest(kubeconfig, context, namespace, timeout, pageSize, n);
    }
}
