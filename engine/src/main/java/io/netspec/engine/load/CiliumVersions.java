package io.netspec.engine.load;

import org.yaml.snakeyaml.nodes.Node;

/** The cilium.io versions the pinned Cilium's CRDs serve for the kinds netspec reads. */
final class CiliumVersions {

    private CiliumVersions() {}

    /** False (and reported) when the API server would not accept {@code apiVersion} for {@code kind}. */
    static boolean check(String kind, String apiVersion, Node node, ReadContext ctx) {
        boolean ok = switch (kind) {
            case "CiliumCIDRGroup" -> apiVersion.equals("cilium.io/v2") || apiVersion.equals("cilium.io/v2alpha1");
            default -> apiVersion.equals("cilium.io/v2");
        };
        if (!ok) {
            ctx.error(node, kind + ": apiVersion " + apiVersion + " is not served by Cilium; use cilium.io/v2");
        }
        return ok;
    }
}
