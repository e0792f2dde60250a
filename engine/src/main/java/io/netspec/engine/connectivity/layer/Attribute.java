package io.netspec.engine.connectivity.layer;

/**
 * Endpoint attributes beyond namespace, labels and named ports that some predicate reads. The
 * analysis groups workloads into classes that no predicate can tell apart: it splits classes by
 * these attributes only when some predicate of the compiled policies reads them, so a cluster
 * without such predicates keeps its classes (and its speed).
 */
public enum Attribute {
    SERVICE_ACCOUNT,
    ADDRESSES,
    NODE,
    HOST_NETWORK
}
