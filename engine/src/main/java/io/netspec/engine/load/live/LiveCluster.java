package io.netspec.engine.load.live;

import java.util.Collection;
import java.util.function.Consumer;

/** An open connection to one cluster (see {@link ClusterSource#connect}). */
public interface LiveCluster extends AutoCloseable {

    /** The context's name, as it appears in every source: {@code cluster:CONTEXT/...}. */
    String context();

    /**
     * Lists every kind netspec reads (ConfigMaps excepted), page by page. A kind whose API is not
     * served (a CRD not installed) is {@link Listing#absent()}; one the credentials may not list is
     * {@link Listing#denied()}; both let the others be read.
     *
     * @param progress told what is being read, e.g. {@code "pods (1500)"}
     * @throws ClusterException the API server cannot be reached or rejects the credentials
     */
    Listing list(Consumer<String> progress) throws ClusterException;

    /**
     * Gets the named ConfigMaps (only their {@code data}, never {@code binaryData}): the ones
     * workloads refer to, whose values rules read for service addresses. A ConfigMap that does not
     * exist is left out; one that may not be read is denied.
     */
    Listing configMaps(Collection<ObjectName> names, Consumer<String> progress) throws ClusterException;

    @Override
    void close();
}
