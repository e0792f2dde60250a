package io.netspec.engine.load;

import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.RouteFact;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** OpenShift Route (route.openshift.io/v1): the Services it names and the port it targets. */
final class RouteReader {

    private RouteReader() {
    }

    static RouteFact read(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        List<String> services = new ArrayList<>();
        spec.map("to").flatMap(RouteReader::service).ifPresent(services::add);
        for (YamlMap backend : spec.maps("alternateBackends")) {
            service(backend).ifPresent(services::add);
        }
        PortRef port = spec.map("port").flatMap(RouteReader::targetPort).orElse(PortRef.ANY);
        return new RouteFact(meta.namespace(), meta.name(), services, port, object.source());
    }

    /** A backend of kind Service (or no kind); other kinds name no Service. */
    private static Optional<String> service(YamlMap backend) {
        String kind = backend.string("kind").orElse("");
        if (!kind.isEmpty() && !kind.equals("Service")) {
            return Optional.empty();
        }
        Optional<String> name = backend.string("name").filter(n -> !n.isEmpty());
        if (name.isEmpty()) {
            backend.ctx().error(backend.node(), backend.path() + ": name is missing");
        }
        return name;
    }

    /** {@code targetPort}: a Service port number, or the name of a Service port (or of its target port). */
    private static Optional<PortRef> targetPort(YamlMap port) {
        Node n = port.raw("targetPort");
        if (Scalars.isNull(n)) {
            port.ctx().error(port.node(), port.path() + ": targetPort is missing");
            return Optional.empty();
        }
        if (n instanceof ScalarNode s && Tag.INT.equals(s.getTag())) {
            return Ports.number(port, "targetPort").map(PortRef::number);
        }
        if (n instanceof ScalarNode s && "string".equals(Scalars.typeOf(s)) && !s.getValue().isEmpty()) {
            return Optional.of(PortRef.named(s.getValue()));
        }
        port.ctx().error(n, port.child("targetPort") + ": expected a port number or name, found " + YamlMap.describe(n));
        return Optional.empty();
    }
}
