package io.netspec.engine.model;

import java.util.Map;

/**
 * A Kubernetes object as a fact: what every kind shares, so that references, waivers, rule facts and
 * inventory handle any kind the same way ({@link ObjectKinds} lists the kinds).
 *
 * <p>Sealed over the kinds of this package, so that a switch over them is checked for completeness.
 * {@link Extension} is the one open branch: kinds that live in another package (Calico's, which a
 * sealed type outside a named module cannot permit) and kinds registered from outside netspec.
 */
public sealed interface ObjectFact
        permits NamespaceFact,
                Workload,
                ServiceFact,
                IngressFact,
                PolicyFact,
                ClusterNetworkPolicyFact,
                ConfigMapFact,
                IgnoredObject,
                RouteFact,
                NodeFact,
                CiliumPolicyFact,
                CiliumCidrGroupFact,
                KubeApiServerEndpointsFact,
                ObjectFact.Extension {

    /** The kind as written in the manifest ({@code Deployment}, {@code NetworkPolicy}, {@code HTTPRoute}, ...). */
    String objectKind();

    /** Unique among the facts of one {@link ObjectKind}. */
    String id();

    /** Empty for cluster-scoped kinds. */
    String namespace();

    String name();

    /** Where waivers live ({@code netspec.io/ignore.<rule-id>}); empty for kinds whose annotations are not read. */
    default Map<String, String> annotations() {
        return Map.of();
    }

    SourceRef source();

    /** A kind outside this package: Calico's, or one registered through {@link ObjectKinds#with}. */
    non-sealed interface Extension extends ObjectFact {}
}
