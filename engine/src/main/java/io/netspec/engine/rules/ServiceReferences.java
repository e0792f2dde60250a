package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.ConfigRef;
import io.netspec.engine.model.ConfigRef.Use;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Services a workload's configuration names by cluster DNS name, so that rules stay
 * declarative. Only address-like values are read (see {@link #addressPart}): documents such as
 * dashboards, Prometheus configurations, PromQL or scripts are not call sites, and a workload is
 * credited only with the ConfigMap keys it reads (see {@link io.netspec.engine.model.ConfigRef}). A reference is a host written as {@code svc.ns}, {@code svc.ns.svc} or
 * {@code svc.ns.svc.cluster.local}, or a StatefulSet pod's name {@code pod.svc.ns.svc[.cluster.local]}
 * (optionally with a trailing dot), optionally followed by
 * {@code :port}, anywhere in a value: alone, in a URL ({@code postgres://user@db.data.svc:5432/x}),
 * in a JDBC URL, in a comma-separated list, after {@code --flag=}. Bare words ({@code db}) count only when they are exactly
 * the name of a Service in the workload's namespace: as {@link #callsIn calls}, and as unknown
 * references when the port written after them is one that Service lacks. A bare word naming no
 * Service is never reported: too many ordinary words would look like Service names.
 *
 * <p>Only the qualified forms are reported as unknown, never the API server's
 * {@code kubernetes.default}, and only when their namespace is one the manifests describe: {@code example.com} is not namespace {@code com}, and a namespace the
 * manifests never mention may well hold the Service.
 */
public final class ServiceReferences {

    /** The cluster domain netspec assumes; clusters with another domain use the shorter forms. */
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
    private static final Pattern HOST = Pattern.compile("(?<![A-Za-z0-9_.-])(" + LABEL + "(?:\\." + LABEL
            + ")+)\\.?(?::([0-9]{1,5}))?(?![A-Za-z0-9_-])(?!\\.[A-Za-z0-9])");

    private static final Pattern WORD =
            Pattern.compile("(?<![A-Za-z0-9_.-])(" + LABEL + ")(?::([0-9]{1,5}))?(?![A-Za-z0-9_-])(?!\\.[A-Za-z0-9])");

    private ServiceReferences() {}

    /** How a reference is written. */
    public enum Form {
        /** {@code svc.ns} */
        SHORT,
        /** {@code svc.ns.svc} */
        SVC,
        /** {@code svc.ns.svc.cluster.local} */
        FQDN,
        /** {@code pod.svc.ns.svc} or {@code pod.svc.ns.svc.cluster.local}: one pod behind a headless Service */
        POD,
        /** {@code svc}: a bare word naming a Service of the workload's own namespace */
        BARE
    }

    /**
     * A reference to Service {@code service} in namespace {@code namespace}; {@code port} is the
     * port written after the host, 0 when none; {@code text} the host (and port) as written.
     */
    public record Reference(String service, String namespace, int port, Form form, String text) {}

    /**
     * A reference that names no Service of the cluster, or a port the Service does not have.
     *
     * @param value    the address as written in the configuration (never a whole document)
     * @param origin   where the value comes from: {@code env/args}, {@code configmap NAME key KEY} or
     *                 {@code configmap NAME file KEY}
     * @param problem  {@code no service S exists in namespace N} or {@code service N/S has no port P}
     */
    public record Unknown(Reference reference, String value, String origin, String problem) {}

    /**
     * A call the workload's configuration makes to an existing Service: a qualified reference to it,
     * or a bare word ({@code catalog}, {@code catalog:80}) that is exactly the name of a Service in
     * the workload's own namespace.
     *
     * @param port   the port written after the host, 0 when none
     * @param value  the address as written in the configuration (never a whole document)
     * @param origin where the value comes from: {@code env/args}, {@code configmap NAME key KEY} (an
     *               environment variable) or {@code configmap NAME file KEY} (a mounted file)
     * @param use    {@code ENV} for env values, args and command, and ConfigMap keys read as environment
     *               variables; {@code FILE} for ConfigMap keys mounted as files, weaker evidence
     */
    public record Call(ServiceFact service, int port, String value, String origin, Use use) {}

    /** Every qualified reference in {@code text}, in order. */
    public static List<Reference> in(String text) {
        List<Reference> out = new ArrayList<>();
        Matcher m = HOST.matcher(text);
        while (m.find()) {
            parse(m.group(1), m.group(2), m.group()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Reference> parse(String host, String portText, String text) {
        String[] labels = host.split("\\.");
        Form form;
        if (labels.length == 2) {
            form = Form.SHORT;
        } else if (labels.length == 3 && labels[2].equals("svc")) {
            form = Form.SVC;
        } else if (labels.length == 5
                && labels[2].equals("svc")
                && (labels[3] + "." + labels[4]).equals(CLUSTER_DOMAIN)) {
            form = Form.FQDN;
        } else if ((labels.length == 4 || labels.length == 6)
                && labels[3].equals("svc")
                && (labels.length == 4 || (labels[4] + "." + labels[5]).equals(CLUSTER_DOMAIN))) {
            return port(portText).map(port -> new Reference(labels[1], labels[2], port, Form.POD, text));
        } else {
            return Optional.empty();
        }
        return port(portText).map(port -> new Reference(labels[0], labels[1], port, form, text));
    }

    private static Optional<Integer> port(String portText) {
        int port = portText == null ? 0 : Integer.parseInt(portText);
        return port > 65535 ? Optional.empty() : Optional.of(port);
    }

    /**
     * The references in the workload's configuration (its env values, args and command, then the
     * data of the ConfigMaps it reads, in its namespace) that name a namespace of the cluster but
     * no Service there, or a port that Service does not expose; and the bare words with a port
     * ({@code redis:6380}) that name a Service of the workload's namespace lacking that port (a
     * bare word naming no Service is never reported). Each distinct reference once, a bare word
     * and its qualified form being the same reference.
     */
    public static List<Unknown> unknownIn(Network net, Workload workload) {
        return unknownIn(net.index(), workload);
    }

    /** As {@link #unknownIn(Network, Workload)}, indexing the cluster for this one call. */
    public static List<Unknown> unknownIn(Cluster cluster, Workload workload) {
        return unknownIn(ClusterIndex.of(cluster), workload);
    }

    private static List<Unknown> unknownIn(ClusterIndex index, Workload workload) {
        Cluster cluster = index.cluster();
        List<Unknown> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Sourced value : values(index, workload)) {
            for (Reference ref : in(value.text())) {
                if (index.namespace(ref.namespace()).isEmpty()
                        || isApiServer(ref)
                        || !seen.add(ref.service() + "." + ref.namespace() + ":" + ref.port())) {
                    continue;
                }
                Optional<ServiceFact> service = index.service(ref.namespace(), ref.service());
                if (service.isEmpty()) {
                    out.add(new Unknown(
                            ref,
                            bounded(ref.text()),
                            value.origin(),
                            "no service " + ref.service() + " exists in namespace " + ref.namespace()));
                } else {
                    lacksPort(service.get(), ref, value).ifPresent(out::add);
                }
            }
            Matcher m = WORD.matcher(value.text());
            while (m.find()) {
                Optional<ServiceFact> service = cluster.service(workload.namespace(), m.group(1));
                Optional<Integer> port = port(m.group(2));
                if (service.isPresent()
                        && port.isPresent()
                        && port.get() > 0
                        && seen.add(m.group(1) + "." + workload.namespace() + ":" + port.get())) {
                    lacksPort(
                                    service.get(),
                                    new Reference(m.group(1), workload.namespace(), port.get(), Form.BARE, m.group()),
                                    value)
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** The reference as unknown when it names a port the Service does not expose (ExternalName ones have none to check). */
    private static Optional<Unknown> lacksPort(ServiceFact service, Reference ref, Sourced value) {
        if (ref.port() > 0
                && service.ports().stream().noneMatch(p -> p.port() == ref.port())
                && !"ExternalName".equals(service.type())) {
            return Optional.of(new Unknown(
                    ref,
                    bounded(ref.text()),
                    value.origin(),
                    "service " + ref.namespace() + "/" + ref.service() + " has no port " + ref.port()));
        }
        return Optional.empty();
    }

    /** The calls the workload's configuration makes to Services of the cluster; each Service and port once. */
    public static List<Call> callsIn(Network net, Workload workload) {
        return callsIn(net.index(), workload);
    }

    /** As {@link #callsIn(Network, Workload)}, indexing the cluster for this one call. */
    public static List<Call> callsIn(Cluster cluster, Workload workload) {
        return callsIn(ClusterIndex.of(cluster), workload);
    }

    static List<Call> callsIn(ClusterIndex index, Workload workload) {
        List<Call> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Sourced value : values(index, workload)) {
            for (Reference ref : in(value.text())) {
                index.service(ref.namespace(), ref.service()).ifPresent(s -> {
                    if (seen.add(s.id() + ":" + ref.port())) {
                        out.add(new Call(s, ref.port(), bounded(ref.text()), value.origin(), value.use()));
                    }
                });
            }
            Matcher m = WORD.matcher(value.text());
            while (m.find()) {
                int port = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                Optional<ServiceFact> s = index.service(workload.namespace(), m.group(1));
                if (s.isPresent() && port <= 65535 && seen.add(s.get().id() + ":" + port)) {
                    out.add(new Call(s.get(), port, bounded(m.group()), value.origin(), value.use()));
                }
            }
        }
        return out;
    }

    /** {@code kubernetes.default}: the API server's Service, which every cluster has without a manifest. */
    private static boolean isApiServer(Reference ref) {
        return ref.service().equals("kubernetes") && ref.namespace().equals("default");
    }

    private record Sourced(String text, String origin, Use use) {}

    /** Longest address quoted in a message; Kubernetes names are at most 253 characters. */
    private static final int MAX_QUOTED = 300;

    /** Characters that mark a value as a document or expression (JSON, YAML flow, PromQL, templates, quoting). */
    private static final Pattern DOCUMENT_MARKS = Pattern.compile("[\\s{}\\[\\]\"'<>`|]");

    /** A flag or property assignment in front of an address: {@code --db=}, {@code -url=}, {@code db.url=}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("^-{0,2}[A-Za-z0-9_.-]+=");

    /** Longest value taken as an address (a comma-separated list of brokers may be long; a document is longer). */
    private static final int MAX_ADDRESS_VALUE = 2048;

    /**
     * The part of a configuration value that is address-like, or empty when the value is a document:
     * a call site is a value that is, as a whole, a URL, {@code host:port}, a DSN, a bare name or a
     * comma-separated list of those, after an optional {@code --flag=} or {@code key=}. Multi-line
     * text, JSON, YAML, PromQL, templates and scripts (anything with white space, brackets, braces
     * or quotes) are not call sites, whatever names they mention.
     */
    public static Optional<String> addressPart(String value) {
        String v = value.strip();
        Matcher assignment = ASSIGNMENT.matcher(v);
        if (assignment.find()) {
            v = v.substring(assignment.end());
        }
        if (v.isEmpty()
                || v.length() > MAX_ADDRESS_VALUE
                || DOCUMENT_MARKS.matcher(v).find()) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** The text cut to {@link #MAX_QUOTED} characters, for messages. */
    static String bounded(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }

    /**
     * The address-like values the workload is configured with: env values, args and command; then
     * the keys it reads from the ConfigMaps of its namespace (only those keys: one for a
     * configMapKeyRef, the listed items of a volume, every key for envFrom or a whole volume). A key
     * read both as an env variable and as a file counts as env.
     */
    private static List<Sourced> values(ClusterIndex index, Workload workload) {
        List<Sourced> out = new ArrayList<>();
        workload.configValues()
                .forEach(v -> addressPart(v).ifPresent(a -> out.add(new Sourced(a, "env/args", Use.ENV))));
        for (String name : workload.configMapNames()) {
            List<ConfigRef> refs = workload.configMapRefs().stream()
                    .filter(r -> r.configMap().equals(name))
                    .toList();
            for (ConfigMapFact cm : index.configMaps(workload.namespace(), name)) {
                for (String key : cm.data().keySet().stream().sorted().toList()) {
                    Optional<Use> use = refs.stream()
                            .filter(r -> r.reads(key))
                            .map(ConfigRef::use)
                            .min(Comparator.naturalOrder());
                    if (use.isEmpty()) {
                        continue;
                    }
                    String where = use.get() == Use.ENV ? " key " : " file ";
                    addressPart(cm.data().get(key))
                            .ifPresent(a ->
                                    out.add(new Sourced(a, "configmap " + name + where + bounded(key), use.get())));
                }
            }
        }
        return out;
    }
}
