package io.netspec.engine.load;

import io.netspec.engine.model.IgnoredObject;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * API versions and groups that change how an object is read: NetworkPolicy versions the API server
 * does not serve, and the policies of other CNIs, which netspec does not analyse.
 */
final class ApiVersions {

    /** API groups of CNI policy kinds that Kubernetes NetworkPolicy connectivity does not include. */
    private static final Set<String> CNI_GROUPS =
            Set.of("crd.projectcalico.org", "projectcalico.org", "cilium.io", "crd.antrea.io");

    private ApiVersions() {}

    /**
     * Checks a NetworkPolicy's apiVersion: {@code extensions/v1beta1} (removed in Kubernetes 1.16) is a
     * warning and read as {@code networking.k8s.io/v1}; any other version of {@code networking.k8s.io}
     * is an error. Returns false when the object must not be read.
     */
    static boolean checkNetworkPolicy(String kind, String apiVersion, Node node, ReadContext ctx) {
        if (!kind.equals("NetworkPolicy")) {
            return true;
        }
        if (apiVersion.equals("extensions/v1beta1")) {
            ctx.warning(
                    node,
                    "NetworkPolicy apiVersion extensions/v1beta1: removed API version; read as"
                            + " networking.k8s.io/v1");
            return true;
        }
        if (apiVersion.startsWith("networking.k8s.io/") && !apiVersion.equals("networking.k8s.io/v1")) {
            ctx.error(
                    node,
                    "NetworkPolicy apiVersion " + apiVersion + ": unknown apiVersion (expected"
                            + " networking.k8s.io/v1)");
            return false;
        }
        return true;
    }

    /** A group of custom resources (CRDs): it has a dot and is not a Kubernetes group. */
    static boolean isCustomGroup(String group) {
        return group.contains(".") && !group.endsWith("k8s.io");
    }

    /** One warning for a policy of another CNI, which the connectivity results do not include. */
    static void warnOtherCniPolicy(String group, IgnoredObject o, Node node, ReadContext ctx) {
        if (CNI_GROUPS.contains(group) && o.kind().endsWith("NetworkPolicy")) {
            String name = o.namespace().isEmpty() ? o.name() : o.namespace() + "/" + o.name();
            ctx.warning(
                    node,
                    group + " " + o.kind() + " " + name + " is not analysed: connectivity results may"
                            + " allow more than this policy does");
        }
    }
}
