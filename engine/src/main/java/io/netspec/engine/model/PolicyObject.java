package io.netspec.engine.model;

/**
 * A policy object of any kind, as evidence refers to it: a NetworkPolicy, an admin policy, or a
 * CNI plugin's own policy. Cluster-scoped kinds have an empty namespace.
 */
public interface PolicyObject {

    /** The kind as written, e.g. {@code NetworkPolicy}, {@code ClusterNetworkPolicy}. */
    String kind();

    /** Empty for cluster-scoped kinds. */
    String namespace();

    String name();

    SourceRef source();

    /** {@code ns/name[Kind]}, or {@code name[Kind]} when cluster-scoped. */
    default String policyId() {
        return (namespace().isEmpty() ? "" : namespace() + "/") + name() + "[" + kind() + "]";
    }
}
