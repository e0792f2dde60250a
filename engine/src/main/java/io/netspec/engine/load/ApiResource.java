package io.netspec.engine.load;

/**
 * Where a live cluster serves the objects of a registered kind: what {@code --cluster} lists (and what
 * the reader's RBAC role must grant).
 *
 * @param group      API group ("" for the core group)
 * @param version    version read
 * @param plural     resource name in the URL and in RBAC rules
 * @param kind       object kind
 * @param namespaced listed per namespace with {@code -n}, or cluster-scoped
 */
public record ApiResource(String group, String version, String plural, String kind, boolean namespaced) {}
