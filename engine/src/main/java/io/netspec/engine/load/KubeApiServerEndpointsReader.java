package io.netspec.engine.load;

import io.netspec.engine.model.IgnoredObject;
import io.netspec.engine.model.KubeApiServerEndpointsFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * EndpointSlices ({@code discovery.k8s.io}) and v1 Endpoints. The one object of each that publishes the API
 * server, {@code default/kubernetes}, becomes a {@link KubeApiServerEndpointsFact}: Cilium's Kubernetes watchers
 * give each of its addresses the {@code reserved:kube-apiserver} label (for Endpoints: every
 * {@code subsets[].addresses[].ip}, not the not-ready ones). Every other object of these kinds is listed as not
 * analysed, as before this reader existed: its metadata is read leniently and nothing else of it is read.
 */
final class KubeApiServerEndpointsReader {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private KubeApiServerEndpointsReader() {}

    static void readSlice(YamlMap object, ObjectMeta meta, ReadContext ctx, FileFacts facts) {
        boolean apiServer = meta.namespace().equals(KubeApiServerEndpointsFact.NAMESPACE)
                && serviceName(meta)
                        .filter(KubeApiServerEndpointsFact.SERVICE::equals)
                        .isPresent();
        if (!apiServer) {
            ignored(object, meta, "discovery.k8s.io/v1", facts);
            return;
        }
        String type = object.text("addressType").orElse("");
        List<String> addresses = new ArrayList<>();
        if (type.equals("FQDN")) {
            ctx.warning(
                    object.nodeOr("addressType"),
                    meta.display() + ": addressType FQDN: Cilium gives the kube-apiserver identity to IP addresses"
                            + " only, so these endpoints do not decide it");
        } else {
            for (YamlMap endpoint : object.maps("endpoints")) {
                for (Node n : endpoint.list("addresses")) {
                    address(n, meta, endpoint.child("addresses"), ctx).ifPresent(addresses::add);
                }
            }
        }
        facts.add(
                meta,
                new KubeApiServerEndpointsFact(meta.kind(), meta.name(), addresses, object.source()),
                object.source());
    }

    static void readEndpoints(YamlMap object, ObjectMeta meta, ReadContext ctx, FileFacts facts) {
        boolean apiServer = meta.namespace().equals(KubeApiServerEndpointsFact.NAMESPACE)
                && meta.name().equals(KubeApiServerEndpointsFact.SERVICE);
        if (!apiServer) {
            ignored(object, meta, "v1", facts);
            return;
        }
        List<String> addresses = new ArrayList<>();
        for (YamlMap subset : object.maps("subsets")) {
            for (YamlMap a : subset.maps("addresses")) {
                if (a.has("ip")) {
                    address(a.nodeOr("ip"), meta, a.child("ip"), ctx).ifPresent(addresses::add);
                } else {
                    ctx.error(a.node(), meta.display() + ": " + a.child("ip") + " is missing");
                }
            }
        }
        facts.add(
                meta,
                new KubeApiServerEndpointsFact(meta.kind(), meta.name(), addresses, object.source()),
                object.source());
    }

    /** The label as written; only read on the objects of namespace {@code default}, and leniently. */
    private static Optional<String> serviceName(ObjectMeta meta) {
        if (meta.metadata().raw("labels") instanceof MappingNode
                && meta.metadata().mapOrEmpty("labels").raw(SERVICE_NAME_LABEL) instanceof ScalarNode s) {
            return Optional.of(s.getValue());
        }
        return Optional.empty();
    }

    /** One written address: an IPv4 or IPv6 address, else a load error at its line and no address. */
    private static Optional<String> address(Node n, ObjectMeta meta, String field, ReadContext ctx) {
        String text = n instanceof ScalarNode s ? s.getValue().trim() : "";
        boolean ok = !text.isEmpty()
                && !text.contains("/")
                && CidrParser.parse(text + (text.contains(":") ? "/128" : "/32"))
                        .ok();
        if (!ok) {
            ctx.error(
                    n,
                    meta.display() + ": " + field + ": "
                            + (n instanceof ScalarNode ? "\"" + YamlMap.abbreviate(text) + "\"" : YamlMap.describe(n))
                            + " is not an IP address (the API server's address, which Cilium's kube-apiserver"
                            + " entity selects)");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Any other EndpointSlice or Endpoints: listed by name, not analysed (what the loader did for all of them). */
    private static void ignored(YamlMap object, ObjectMeta meta, String defaultApiVersion, FileFacts facts) {
        String api = object.text("apiVersion").orElse(defaultApiVersion);
        facts.add(
                meta,
                new IgnoredObject(api, meta.kind(), meta.namespace(), meta.name(), object.source()),
                object.source());
    }
}
