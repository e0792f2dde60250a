package io.netspec.engine.load.live;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A way to reach a running cluster. Found with {@link ServiceLoader} ({@link #find()}), so that a
 * command that reads files never loads the client library.
 */
public interface ClusterSource {

    /**
     * Resolves the kubeconfig and context (or the pod's service account) and opens a client.
     * Nothing is requested from the API server yet.
     *
     * @throws ClusterException an unknown context, an unreadable kubeconfig, no configuration at all
     */
    LiveCluster connect(ClusterRequest request) throws ClusterException;

    /** The implementation on the class path (the {@code cluster} module), if any. */
    static Optional<ClusterSource> find() {
        return ServiceLoader.load(ClusterSource.class, ClusterSource.class.getClassLoader()).findFirst();
    }
}
