package io.netspec.engine.load;

import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Services and Ingresses (networking.k8s.io/v1, and the v1beta1 {@code serviceName}/{@code servicePort} form). */
final class ServiceReader {

    private static final Set<String> SERVICE_TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

    private ServiceReader() {}

    static ServiceFact readService(YamlMap object, ObjectMeta meta, ReadContext ctx) {
        YamlMap spec = object.mapOrEmpty("spec");
        String type = spec.string("type").orElse("ClusterIP");
        if (!SERVICE_TYPES.contains(type)) {
            ctx.error(
                    spec.nodeOr("type"),
                    "spec.type: unknown Service type \"" + type
                            + "\"; use ClusterIP, NodePort, LoadBalancer or ExternalName");
        }
        Optional<Map<String, String>> selector =
                spec.has("selector") ? Optional.of(Labels.read(spec, "selector")) : Optional.empty();
        List<ServicePort> ports = new ArrayList<>();
        for (YamlMap p : spec.maps("ports")) {
            Optional<Integer> port = Ports.required(p, "port");
            if (port.isEmpty()) {
                continue;
            }
            String name = Ports.name(p, K8sSyntax::dnsLabelProblem);
            PortRef target = unsetTargetPort(p)
                    ? PortRef.number(port.get())
                    : Ports.ref(p, "targetPort").orElse(PortRef.number(port.get()));
            // nodePort 0 is Go's zero value: unset, the API server allocates one for NodePort and LoadBalancer
            int nodePort =
                    isZero(p, "nodePort") ? 0 : Ports.number(p, "nodePort").orElse(0);
            ports.add(new ServicePort(name, port.get(), Ports.protocol(p), target, nodePort));
        }
        boolean headless = spec.string("clusterIP").map("None"::equals).orElse(false);
        return new ServiceFact(
                meta.namespace(),
                meta.name(),
                type,
                selector,
                ports,
                headless,
                spec.string("externalName").orElse(""),
                meta.annotations(),
                object.source());
    }

    /**
     * The API server defaults a targetPort of 0 or "" to the port, as it does a missing one
     * (SetDefaults_Service); charts write {@code targetPort: 0} for "same as port".
     */
    private static boolean unsetTargetPort(YamlMap p) {
        return isZero(p, "targetPort")
                || p.raw("targetPort") instanceof ScalarNode s
                        && "string".equals(Scalars.typeOf(s))
                        && s.getValue().isEmpty();
    }

    private static boolean isZero(YamlMap p, String key) {
        return p.raw(key) instanceof ScalarNode s
                && Tag.INT.equals(s.getTag())
                && Scalars.parseInt(s.getValue()).filter(v -> v == 0).isPresent();
    }

    static IngressFact readIngress(YamlMap object, ObjectMeta meta) {
        YamlMap spec = object.mapOrEmpty("spec");
        List<IngressBackend> backends = new ArrayList<>();
        // v1 calls it defaultBackend, v1beta1 backend
        for (String key : List.of("defaultBackend", "backend")) {
            spec.map(key).flatMap(b -> backend(b, "", "")).ifPresent(backends::add);
        }
        for (YamlMap rule : spec.maps("rules")) {
            String host = rule.string("host").orElse("");
            rule.map("http").ifPresent(http -> {
                for (YamlMap path : http.maps("paths")) {
                    String p = path.string("path").orElse("");
                    path.map("backend").flatMap(b -> backend(b, host, p)).ifPresent(backends::add);
                }
            });
        }
        return new IngressFact(
                meta.namespace(),
                meta.name(),
                spec.string("ingressClassName").orElse(""),
                backends,
                meta.annotations(),
                object.source());
    }

    /** A backend naming a Service; empty for resource backends (reported when the service has no port). */
    private static Optional<IngressBackend> backend(YamlMap b, String host, String path) {
        ReadContext ctx = b.ctx();
        Optional<YamlMap> service = b.map("service");
        if (service.isPresent()) {
            YamlMap s = service.get();
            Optional<String> name = s.string("name");
            if (name.isEmpty()) {
                ctx.error(s.node(), s.path() + ": name is missing");
                return Optional.empty();
            }
            PortRef port = PortRef.ANY;
            Optional<YamlMap> portMap = s.map("port");
            if (portMap.isPresent()) {
                Optional<Integer> number = Ports.number(portMap.get(), "number");
                Optional<String> portName = portMap.get().string("name");
                if (number.isPresent() && portName.isPresent()) {
                    ctx.error(portMap.get().node(), portMap.get().path() + ": give number or name, not both");
                }
                portName.ifPresent(n -> K8sSyntax.dnsLabelProblem(n)
                        .ifPresent(problem -> ctx.error(
                                portMap.get().nodeOr("name"), portMap.get().child("name") + ": " + problem)));
                port = number.map(PortRef::number)
                        .or(() -> portName.map(PortRef::named))
                        .orElse(PortRef.ANY);
            }
            return Optional.of(new IngressBackend(name.get(), port, host, path, b.source()));
        }
        if (b.has("serviceName")) {
            String name = b.string("serviceName").orElse("");
            // servicePort names a Service port: a number or a Service port name (a DNS label, not IANA_SVC_NAME)
            PortRef port = b.raw("servicePort") instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                            && "string".equals(Scalars.typeOf(s))
                    ? servicePortName(b, s.getValue())
                    : Ports.ref(b, "servicePort").orElse(PortRef.ANY);
            return Optional.of(new IngressBackend(name, port, host, path, b.source()));
        }
        return Optional.empty();
    }

    private static PortRef servicePortName(YamlMap b, String name) {
        Optional<String> problem = K8sSyntax.dnsLabelProblem(name);
        problem.ifPresent(p -> b.ctx().error(b.nodeOr("servicePort"), b.child("servicePort") + ": " + p));
        return problem.isPresent() ? PortRef.ANY : PortRef.named(name);
    }
}
