package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressBackend;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups over one snapshot that derived facts and rule helpers ask thousands of times, so that a
 * check costs about linear time in workloads, policies and label classes instead of workloads x
 * policies. Workloads are grouped by namespace and pod labels (a <i>label class</i>); a selector is
 * matched once per (namespace, selector) against the classes of that namespace, never per
 * workload. Answers are those of the model's own methods ({@link PolicyFact#selects},
 * {@link ServiceFact#selects}, {@link Cluster#service}, ...), in the order a scan of the
 * cluster's lists would give; a workload that is not one of the cluster's objects is answered by
 * such a scan.
 */
final class ClusterIndex {

    private final Cluster cluster;
    /** Position of each workload in {@code cluster.workloads()}. */
    private final Map<Workload, Integer> position = new IdentityHashMap<>();

    private final Map<String, List<LabelClass>> classesByNamespace = new LinkedHashMap<>();
    /** Per namespace, its classes by {@code key\0value} of a label they carry (built on first use). */
    private final Map<String, Map<String, List<LabelClass>>> classesByLabel = new HashMap<>();

    private final Map<String, NamespaceFact> namespacesByName = new HashMap<>();
    private final Map<String, Map<String, String>> namespaceLabels;
    private final Map<String, ServiceFact> servicesByName = new HashMap<>();
    private final Map<String, List<ConfigMapFact>> configMapsByName = new HashMap<>();
    private final Map<String, List<Workload>> selections = new HashMap<>();
    private final Map<String, List<String>> namespaceSelections = new HashMap<>();
    /** Workloads of several namespaces, by namespace selector and pod selector. */
    private final Map<String, List<Workload>> peerSelections = new HashMap<>();

    private final Map<String, List<NamespaceFact>> declaredSelections = new HashMap<>();
    private Map<Workload, List<PolicyFact>[]> policiesByWorkload;
    private Map<Workload, List<Object>> exposersByWorkload;

    /** Workloads of one namespace with equal pod labels: no selector can tell them apart. */
    private record LabelClass(Map<String, String> labels, List<Workload> members) {}

    private ClusterIndex(Cluster cluster) {
        this.cluster = cluster;
        Map<String, Map<Map<String, String>, LabelClass>> byLabels = new LinkedHashMap<>();
        List<Workload> workloads = cluster.workloads();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            position.putIfAbsent(w, i);
            byLabels.computeIfAbsent(w.namespace(), ns -> new LinkedHashMap<>())
                    .computeIfAbsent(w.podLabels(), labels -> new LabelClass(labels, new ArrayList<>()))
                    .members()
                    .add(w);
        }
        byLabels.forEach((ns, classes) -> classesByNamespace.put(ns, List.copyOf(classes.values())));
        for (NamespaceFact ns : cluster.namespaces()) {
            namespacesByName.putIfAbsent(ns.name(), ns);
        }
        namespaceLabels = cluster.namespaceLabels();
        for (ServiceFact s : cluster.services()) {
            servicesByName.putIfAbsent(s.namespace() + "/" + s.name(), s);
        }
        for (ConfigMapFact cm : cluster.configMaps()) {
            configMapsByName
                    .computeIfAbsent(cm.namespace() + "/" + cm.name(), k -> new ArrayList<>(1))
                    .add(cm);
        }
    }

    /**
     * A new index of {@code cluster}. The one a check shares is owned by its {@link Network}
     * ({@link Network#index()}), which lives as long as the check: helpers that DRL calls take the
     * Network, not a bare Cluster, to reach it (there is no process-wide cache of indexes).
     */
    static ClusterIndex of(Cluster cluster) {
        return new ClusterIndex(cluster);
    }

    Cluster cluster() {
        return cluster;
    }

    /** {@link Cluster#namespace}. */
    Optional<NamespaceFact> namespace(String name) {
        return Optional.ofNullable(namespacesByName.get(name));
    }

    /** {@link Cluster#namespaceLabels}, computed once. */
    Map<String, Map<String, String>> namespaceLabels() {
        return namespaceLabels;
    }

    /** {@link Cluster#service}. */
    Optional<ServiceFact> service(String namespace, String name) {
        return Optional.ofNullable(servicesByName.get(namespace + "/" + name));
    }

    /** The ConfigMaps of that namespace and name (normally one), in cluster order. */
    List<ConfigMapFact> configMaps(String namespace, String name) {
        return configMapsByName.getOrDefault(namespace + "/" + name, List.of());
    }

    /** The workloads of {@code namespace} whose pod labels match {@code selector}, in cluster order. */
    synchronized List<Workload> selected(String namespace, Selector selector) {
        String key = namespace + '\u0003' + canonical(selector);
        List<Workload> cached = selections.get(key);
        if (cached == null) {
            List<Workload> out = new ArrayList<>();
            for (LabelClass c : candidates(namespace, selector)) {
                if (selector.matches(c.labels())) {
                    out.addAll(c.members());
                }
            }
            cached = List.copyOf(inClusterOrder(out));
            selections.put(key, cached);
        }
        return cached;
    }

    /**
     * The classes of the namespace that may match: those carrying the selector's rarest
     * {@code matchLabels} pair, or all of them when it has none.
     */
    private List<LabelClass> candidates(String namespace, Selector selector) {
        List<LabelClass> all = classesByNamespace.getOrDefault(namespace, List.of());
        if (selector.matchLabels().isEmpty()) {
            return all;
        }
        Map<String, List<LabelClass>> postings = classesByLabel.computeIfAbsent(namespace, ns -> {
            Map<String, List<LabelClass>> out = new HashMap<>();
            for (LabelClass c : all) {
                c.labels()
                        .forEach((k, v) -> out.computeIfAbsent(k + '\u0000' + v, x -> new ArrayList<>())
                                .add(c));
            }
            return out;
        });
        List<LabelClass> rarest = all;
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            List<LabelClass> carrying = postings.getOrDefault(e.getKey() + '\u0000' + e.getValue(), List.of());
            if (carrying.size() < rarest.size()) {
                rarest = carrying;
            }
        }
        return rarest;
    }

    /** The workloads a Service's selector selects ({@link ServiceFact#selects}), in cluster order. */
    List<Workload> selectedBy(ServiceFact service) {
        if (service.selector().isEmpty() || service.selector().get().isEmpty()) {
            return List.of();
        }
        return selected(service.namespace(), Selector.of(service.selector().get()));
    }

    /**
     * The workloads a policy peer matches, relative to the policy's namespace, in cluster order;
     * empty for an ipBlock peer. A workload's namespace that the cluster does not list carries only
     * its name label.
     */
    List<Workload> workloadsMatching(PolicyFact policy, PolicyPeer peer) {
        if (peer.isIpBlock()) {
            return List.of();
        }
        Selector pods = peer.podSelector().orElse(Selector.ALL);
        if (peer.namespaceSelector().isEmpty()) {
            return selected(policy.namespace(), pods);
        }
        Selector namespaceSelector = peer.namespaceSelector().get();
        List<String> namespaces = workloadNamespacesMatching(namespaceSelector);
        if (namespaces.size() == 1) {
            return selected(namespaces.get(0), pods);
        }
        String key = canonical(namespaceSelector) + '\u0003' + canonical(pods);
        synchronized (this) {
            List<Workload> cached = peerSelections.get(key);
            if (cached == null) {
                List<Workload> out = new ArrayList<>();
                namespaces.forEach(ns -> out.addAll(selected(ns, pods)));
                cached = List.copyOf(inClusterOrder(out));
                peerSelections.put(key, cached);
            }
            return cached;
        }
    }

    /** Namespaces holding workloads whose labels (or, when not listed, name label) match the selector. */
    private synchronized List<String> workloadNamespacesMatching(Selector selector) {
        return namespaceSelections.computeIfAbsent(
                canonical(selector),
                key -> classesByNamespace.keySet().stream()
                        .filter(ns -> selector.matches(
                                namespaceLabels.getOrDefault(ns, Map.of(NamespaceFact.NAME_LABEL, ns))))
                        .toList());
    }

    /** The namespaces of {@code cluster.namespaces()} whose labels match, in that order. */
    synchronized List<NamespaceFact> namespacesMatching(Selector selector) {
        return declaredSelections.computeIfAbsent(
                canonical(selector),
                key -> cluster.namespaces().stream()
                        .filter(ns -> selector.matches(ns.labels()))
                        .toList());
    }

    /** The policies that select the workload and isolate it for {@code direction}, in cluster order. */
    List<PolicyFact> policiesSelecting(Workload workload, Direction direction) {
        List<PolicyFact>[] found = policiesByWorkload().get(workload);
        if (found == null) {
            return position.containsKey(workload)
                    ? List.of()
                    : cluster.policies().stream()
                            .filter(p -> p.isolates(direction) && p.selects(workload))
                            .toList();
        }
        List<PolicyFact> out = found[direction.ordinal()];
        return out == null ? List.of() : out;
    }

    @SuppressWarnings("unchecked")
    private synchronized Map<Workload, List<PolicyFact>[]> policiesByWorkload() {
        if (policiesByWorkload == null) {
            Map<Workload, List<PolicyFact>[]> out = new IdentityHashMap<>();
            for (PolicyFact p : cluster.policies()) {
                if (!p.isolatesIngress() && !p.isolatesEgress()) {
                    continue;
                }
                for (Workload w : selected(p.namespace(), p.podSelector())) {
                    List<PolicyFact>[] lists = out.computeIfAbsent(w, k -> new List[Direction.values().length]);
                    for (Direction d : Direction.values()) {
                        if (p.isolates(d)) {
                            if (lists[d.ordinal()] == null) {
                                lists[d.ordinal()] = new ArrayList<>(2);
                            }
                            List<PolicyFact> list = lists[d.ordinal()];
                            if (list.isEmpty() || list.get(list.size() - 1) != p) { // a workload listed twice
                                list.add(p);
                            }
                        }
                    }
                }
            }
            policiesByWorkload = out;
        }
        return policiesByWorkload;
    }

    /**
     * LoadBalancer and NodePort Services that select the workload, then Ingresses with a backend
     * naming a Service (in the Ingress's namespace) that selects it, then OpenShift Routes and
     * Gateway API routes with such a backend; in manifest order.
     */
    List<Object> exposersOf(Workload workload) {
        if (!position.containsKey(workload)) {
            return scanExposersOf(workload);
        }
        return exposersByWorkload().getOrDefault(workload, List.of());
    }

    private synchronized Map<Workload, List<Object>> exposersByWorkload() {
        if (exposersByWorkload == null) {
            Map<Workload, List<Object>> out = new IdentityHashMap<>();
            for (ServiceFact s : cluster.services()) {
                if (s.isExternallyExposed()) {
                    selectedBy(s).forEach(w -> add(out, w, s));
                }
            }
            for (IngressFact i : cluster.ingresses()) {
                Map<Workload, Boolean> exposed = new IdentityHashMap<>();
                for (IngressBackend b : i.backends()) {
                    service(i.namespace(), b.serviceName())
                            .ifPresent(s -> selectedBy(s).forEach(w -> exposed.put(w, true)));
                }
                // Per workload, each Ingress once; ingresses are visited in order, so lists stay in manifest order.
                exposed.keySet().forEach(w -> add(out, w, i));
            }
            for (RouteFact r : cluster.routes()) {
                Map<Workload, Boolean> exposed = new IdentityHashMap<>();
                for (String name : r.services()) {
                    service(r.backendNamespace(), name)
                            .ifPresent(s -> selectedBy(s).forEach(w -> exposed.put(w, true)));
                }
                // a Gateway API route is one fact per backend namespace and port: each route once per workload
                exposed.keySet().stream()
                        .filter(w -> out.getOrDefault(w, List.of()).stream()
                                .noneMatch(o -> o instanceof RouteFact x && x.id().equals(r.id())))
                        .forEach(w -> add(out, w, r));
            }
            exposersByWorkload = out;
        }
        return exposersByWorkload;
    }

    private static void add(Map<Workload, List<Object>> out, Workload w, Object exposer) {
        List<Object> list = out.computeIfAbsent(w, k -> new ArrayList<>(1));
        if (list.isEmpty() || list.get(list.size() - 1) != exposer) { // a workload listed twice
            list.add(exposer);
        }
    }

    /** The original definition, for workloads that are not objects of this cluster. */
    private List<Object> scanExposersOf(Workload workload) {
        List<Object> out = new ArrayList<>();
        for (ServiceFact s : cluster.services()) {
            if (s.isExternallyExposed() && s.selects(workload)) {
                out.add(s);
            }
        }
        for (IngressFact i : cluster.ingresses()) {
            for (IngressBackend b : i.backends()) {
                if (service(i.namespace(), b.serviceName())
                        .filter(s -> s.selects(workload))
                        .isPresent()) {
                    out.add(i);
                    break;
                }
            }
        }
        for (RouteFact r : cluster.routes()) {
            boolean exposes = r.services().stream()
                    .anyMatch(n -> service(r.backendNamespace(), n)
                            .filter(s -> s.selects(workload))
                            .isPresent());
            if (exposes && out.stream().noneMatch(o -> o instanceof RouteFact x && x.id().equals(r.id()))) {
                out.add(r);
            }
        }
        return out;
    }

    private List<Workload> inClusterOrder(List<Workload> workloads) {
        workloads.sort(Comparator.comparingInt(position::get));
        return workloads;
    }

    /** A selector as text that tells any two selectors apart (its own hash collides badly). */
    static String canonical(Selector selector) {
        StringBuilder sb = new StringBuilder();
        selector.matchLabels()
                .forEach((k, v) -> sb.append(k).append('\u0000').append(v).append('\u0001'));
        sb.append('\u0002');
        selector.matchExpressions()
                .forEach(r -> sb.append(r.key())
                        .append('\u0000')
                        .append(r.operator())
                        .append('\u0000')
                        .append(String.join("\u0000", r.values()))
                        .append('\u0001'));
        return sb.toString();
    }
}
