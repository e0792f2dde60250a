package io.netspec.engine.load;

import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.RouteFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gateway API routes (gateway.networking.k8s.io: HTTPRoute, GRPCRoute, TCPRoute, TLSRoute,
 * UDPRoute): the Services their rules' {@code backendRefs} send traffic to, as an exposure path
 * beside Ingress and Route. A backendRef is a Service when its group is empty (core) and its kind is
 * Service or left out (the Gateway API default); other backends (e.g. an InferencePool) are not
 * Services and are left out. The Gateway the route attaches to ({@code parentRefs}) need not be in
 * the input: a route is taken to expose its backends, as an Ingress is without its controller.
 */
final class GatewayRouteReader {

    private GatewayRouteReader() {}

    /** One fact per backend namespace and port, in the order they first appear. */
    static List<RouteFact> read(YamlMap object, ObjectMeta meta) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        Map<String, PortRef> ports = new LinkedHashMap<>();
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (YamlMap rule : object.mapOrEmpty("spec").maps("rules")) {
            for (YamlMap ref : rule.maps("backendRefs")) {
                Optional<String> name = ref.string("name").filter(n -> !n.isEmpty());
                String group = ref.string("group").orElse("");
                String kind = ref.string("kind").orElse("Service");
                if (name.isEmpty() || !group.isEmpty() || !kind.equals("Service")) {
                    continue;
                }
                String namespace =
                        ref.string("namespace").filter(n -> !n.isEmpty()).orElse(meta.namespace());
                PortRef port = ref.integer("port")
                        .filter(p -> p > 0 && p <= 65535)
                        .map(p -> PortRef.number(p.intValue()))
                        .orElse(PortRef.ANY);
                String key = namespace + "/" + port;
                namespaces.putIfAbsent(key, namespace);
                ports.putIfAbsent(key, port);
                List<String> names = services.computeIfAbsent(key, k -> new ArrayList<>());
                if (!names.contains(name.get())) {
                    names.add(name.get());
                }
            }
        }
        List<RouteFact> out = new ArrayList<>();
        services.forEach((key, names) -> out.add(new RouteFact(
                meta.kind(),
                meta.namespace(),
                meta.name(),
                namespaces.get(key),
                names,
                ports.get(key),
                object.source())));
        return out;
    }
}
