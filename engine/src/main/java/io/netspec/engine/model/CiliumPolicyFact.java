package io.netspec.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy (cilium.io/v2): its {@code spec} and
 * {@code specs} rules in that order. A clusterwide policy has an empty namespace.
 *
 * @param valid false when Cilium would reject the whole object (its agent logs the parse error and
 *              enforces none of its rules); the rules read so far are kept for rules and explanations
 */
public record CiliumPolicyFact(
        Kind policyKind,
        String namespace,
        String name,
        List<CiliumRule> rules,
        Map<String, String> annotations,
        boolean valid,
        SourceRef source)
        implements ObjectFact, PolicyObject {

    public enum Kind {
        CILIUM_NETWORK_POLICY("CiliumNetworkPolicy"),
        CILIUM_CLUSTERWIDE_NETWORK_POLICY("CiliumClusterwideNetworkPolicy");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public CiliumPolicyFact {
        rules = List.copyOf(rules);
        annotations = Map.copyOf(annotations);
        namespace = namespace == null ? "" : namespace;
    }

    public boolean clusterwide() {
        return policyKind == Kind.CILIUM_CLUSTERWIDE_NETWORK_POLICY;
    }

    @Override
    public String kind() {
        return policyKind.wireName();
    }

    /** {@code ns/name[CiliumNetworkPolicy]} or {@code name[CiliumClusterwideNetworkPolicy]}. */
    public String id() {
        return policyId();
    }

    @Override
    public String toString() {
        return id();
    }

    @Override
    public String objectKind() {
        return kind();
    }
}
