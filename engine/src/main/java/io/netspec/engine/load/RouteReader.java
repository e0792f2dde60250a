package io.netspec.engine.load;

import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.RouteFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** OpenShift Route (route.openshift.io/v1): the Services it names and the port it targets. */
final class RouteReader {

    /** The Route API's limits: {@code alternateBackends} maxItems and {@code weight} maximum. */
    private static final int MAX_ALTERNATE_BACKENDS = 3;

    private static final int MAX_WEIGHT = 256;

    private RouteReader() {}

    static RouteFact read(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        List<String> services = new ArrayList<>();
        Optional<YamlMap> to = spec.map("to");
        if (to.isEmpty()) {
            ctx.error(
                    spec.node(),
                    "Route " + meta.namespace() + "/" + meta.name()
                            + ": spec.to is missing; a Route names the Service it sends traffic to");
        }
        to.flatMap(RouteReader::service).ifPresent(services::add);
        List<YamlMap> alternates = spec.maps("alternateBackends");
        if (alternates.size() > MAX_ALTERNATE_BACKENDS) {
            ctx.error(
                    spec.nodeOr("alternateBackends"),
                    "spec.alternateBackends: " + alternates.size() + " backends, at most " + MAX_ALTERNATE_BACKENDS
                            + " are allowed");
        }
        for (YamlMap backend : alternates) {
            service(backend).ifPresent(services::add);
        }
        PortRef port = spec.map("port").flatMap(RouteReader::targetPort).orElse(PortRef.ANY);
        return new RouteFact(meta.namespace(), meta.name(), services, port, object.source());
    }

    /** A backend: kind Service (the default; the API allows no other), a name, an optional weight 0-256. */
    private static Optional<String> service(YamlMap backend) {
        ReadContext ctx = backend.ctx();
        String kind = backend.string("kind").orElse("");
        if (!kind.isEmpty() && !kind.equals("Service")) {
            ctx.error(
                    backend.nodeOr("kind"),
                    backend.child("kind") + ": \"" + YamlMap.abbreviate(kind)
                            + "\" is not allowed; a Route backend is a Service (kind Service, or leave kind out)");
            return Optional.empty();
        }
        backend.integer("weight")
                .filter(w -> w < 0 || w > MAX_WEIGHT)
                .ifPresent(w -> ctx.error(
                        backend.nodeOr("weight"), backend.child("weight") + ": " + w + " is outside 0-" + MAX_WEIGHT));
        Optional<String> name = backend.string("name").filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            ctx.error(backend.node(), backend.path() + ": name is missing; name the Service");
            return name;
        }
        K8sSyntax.NameRule.DNS_1035_LABEL
                .problem("Service name", name.get())
                .ifPresent(p -> ctx.error(backend.nodeOr("name"), backend.child("name") + ": " + p));
        return name;
    }

    /**
     * {@code targetPort}: a Service port number (or target port number), or the name of a Service port
     * (a DNS label) or of its target port.
     */
    private static Optional<PortRef> targetPort(YamlMap port) {
        Node n = port.raw("targetPort");
        ReadContext ctx = port.ctx();
        if (Scalars.isNull(n)) {
            ctx.error(port.node(), port.path() + ": targetPort is missing");
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            return Ports.number(port, "targetPort").map(PortRef::number);
        }
        if (n instanceof ScalarNode s
                && "string".equals(Scalars.typeOf(s))
                && !s.getValue().isEmpty()) {
            String name = s.getValue();
            if (name.chars().allMatch(Character::isDigit)) {
                ctx.warning(
                        n,
                        port.child("targetPort") + ": \"" + name + "\" is quoted, so it is a port name,"
                                + " not a number; write " + name + " unquoted to target the port number");
            } else {
                Optional<String> problem = K8sSyntax.NameRule.DNS_LABEL.problem("port name", name);
                if (problem.isPresent()) {
                    ctx.error(n, port.child("targetPort") + ": " + problem.get());
                    return Optional.empty();
                }
            }
            return Optional.of(PortRef.named(name));
        }
        ctx.error(n, port.child("targetPort") + ": expected a port number or name, found " + YamlMap.describe(n));
        return Optional.empty();
    }
}
