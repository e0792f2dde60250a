package io.netspec.cli;

import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.EndpointRef;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --from}/{@code --to} as reach and explain read them: a workload, an address, or a Service
 * written {@code ns/name[Service]} (or a name that is no workload's but a Service's), which stands for
 * its backends: the workloads its selector matches.
 */
final class ServiceEndpoints {

    private static final String SUFFIX = "[service]";

    private ServiceEndpoints() {}

    /** A Service reference that names no Service, or one without backends. */
    static final class UnknownService extends IllegalArgumentException {
        UnknownService(String message) {
            super(message);
        }
    }

    /** The endpoints the reference names: one for a workload or address, the backends for a Service. */
    static List<Endpoint> resolve(Cluster cluster, String ref, String namespace) {
        String text = ref.trim();
        if (text.toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
            String name = text.substring(0, text.length() - SUFFIX.length());
            return backends(cluster, name, namespace)
                    .orElseThrow(() -> new UnknownService(
                            "unknown service '" + name + "'" + (name.contains("/") ? "" : " in namespace " + namespace)
                                    + "; services there: " + String.join(", ", servicesIn(cluster, name, namespace))));
        }
        try {
            return List.of(EndpointRef.resolve(cluster, text, namespace));
        } catch (EndpointRef.UnknownEndpointException e) {
            return backends(cluster, text, namespace).orElseThrow(() -> e);
        }
    }

    private static Optional<List<Endpoint>> backends(Cluster cluster, String name, String namespace) {
        String ns = name.contains("/") ? name.substring(0, name.indexOf('/')) : namespace;
        String n = name.contains("/") ? name.substring(name.indexOf('/') + 1) : name;
        Optional<ServiceFact> service = cluster.service(ns, n);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        List<Workload> selected =
                cluster.workloads().stream().filter(service.get()::selects).toList();
        if (selected.isEmpty()) {
            throw new UnknownService(service.get().id() + " selects no workload (selector "
                    + service.get().selector().map(Object::toString).orElse("none") + ")");
        }
        return Optional.of(
                selected.stream().<Endpoint>map(Endpoint.OfWorkload::new).toList());
    }

    private static List<String> servicesIn(Cluster cluster, String name, String namespace) {
        String ns = name.contains("/") ? name.substring(0, name.indexOf('/')) : namespace;
        List<String> names = cluster.services().stream()
                .filter(s -> s.namespace().equals(ns))
                .map(ServiceFact::name)
                .toList();
        return names.isEmpty() ? List.of("none") : names;
    }
}
