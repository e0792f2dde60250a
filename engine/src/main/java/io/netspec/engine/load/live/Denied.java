package io.netspec.engine.load.live;

/**
 * A request the credentials may not make (HTTP 403): the read goes on without it, and the run is
 * incomplete.
 *
 * @param verb     {@code list} or {@code get}
 * @param resource {@code plural.group}, as RBAC names it (e.g. {@code networkpolicies.networking.k8s.io})
 * @param scope    {@code all namespaces}, {@code namespace shop} or {@code cluster}
 */
public record Denied(String verb, String resource, String scope) {

    /** One line for the user: what could not be read and what to grant. */
    public String describe() {
        return "forbidden: cannot " + verb + " " + resource + " in " + scope + " (grant '" + verb + "' on '" + resource
                + "'; examples/rbac/netspec-reader.yaml has every rule)";
    }
}
