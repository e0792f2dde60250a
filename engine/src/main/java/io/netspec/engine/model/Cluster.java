package io.netspec.engine.model;

import io.netspec.engine.model.calico.CalicoFacts;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoTierFact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One immutable snapshot of everything the manifests say. Everything downstream reads it; nothing
 * mutates it. A what-if ({@link #applying}) makes a new snapshot.
 *
 * <p>Every namespace an object lives in exists here, declared or not: {@link #of} adds the
 * undeclared ones with only the {@code kubernetes.io/metadata.name} label, as the API server would.
 */
public record Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                      List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                      List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped,
                      List<RouteFact> routes, List<NodeFact> nodes, CalicoFacts calico,
                      NetworkPlugin plugin, CiliumObjects cilium) {

    public static final Cluster EMPTY = of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), List.of());

    public Cluster {
        namespaces = List.copyOf(namespaces);
        workloads = List.copyOf(workloads);
        services = List.copyOf(services);
        ingresses = List.copyOf(ingresses);
        policies = List.copyOf(policies);
        adminPolicies = List.copyOf(adminPolicies);
        configMaps = List.copyOf(configMaps);
        ignored = List.copyOf(ignored);
        skipped = List.copyOf(skipped);
        routes = List.copyOf(routes);
        nodes = List.copyOf(nodes);
        calico = calico == null ? CalicoFacts.EMPTY : calico;
        plugin = plugin == null || plugin == NetworkPlugin.AUTO ? NetworkPlugin.NONE : plugin;
        cilium = cilium == null ? CiliumObjects.NONE : cilium;
    }

    /** A snapshot without Cilium objects. */
    public Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                   List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                   List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped,
                   List<RouteFact> routes, List<NodeFact> nodes, CalicoFacts calico, NetworkPlugin plugin) {
        this(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                routes, nodes, calico, plugin, CiliumObjects.NONE);
    }

    /** A snapshot analysed as plain Kubernetes (no CNI plugin's own policies). */
    public Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                   List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                   List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped,
                   List<RouteFact> routes, List<NodeFact> nodes, CalicoFacts calico) {
        this(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                routes, nodes, calico, NetworkPlugin.NONE);
    }

    /** A snapshot without Node objects and Calico objects. */
    public Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                   List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                   List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped,
                   List<RouteFact> routes) {
        this(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                routes, List.of(), CalicoFacts.EMPTY);
    }

    /** A snapshot with Node objects, without Calico objects. */
    public Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                   List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                   List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped,
                   List<RouteFact> routes, List<NodeFact> nodes) {
        this(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                routes, nodes, CalicoFacts.EMPTY);
    }

    /** This snapshot with the cluster's Node objects (their labels and addresses). */
    public Cluster withNodes(List<NodeFact> nodes) {
        return new Cluster(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored,
                skipped, routes, nodes, calico, plugin, cilium);
    }

    /** This snapshot with Calico's tiers, policies and the service accounts they match on. */
    public Cluster withCalico(CalicoFacts calico) {
        return new Cluster(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored,
                skipped, routes, nodes, calico, plugin, cilium);
    }

    /** This snapshot analysed as {@code plugin} enforces policy ({@link NetworkPlugin#AUTO} means none). */
    public Cluster withPlugin(NetworkPlugin plugin) {
        return new Cluster(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored,
                skipped, routes, nodes, calico, plugin, cilium);
    }

    /** This snapshot with Cilium's policies and CIDR groups. */
    public Cluster withCilium(CiliumObjects cilium) {
        return new Cluster(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored,
                skipped, routes, nodes, calico, plugin, cilium);
    }

    public Optional<NodeFact> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** A snapshot without OpenShift Routes (the components before Routes were read). */
    public Cluster(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                   List<IngressFact> ingresses, List<PolicyFact> policies, List<ClusterNetworkPolicyFact> adminPolicies,
                   List<ConfigMapFact> configMaps, List<IgnoredObject> ignored, List<SkippedDocument> skipped) {
        this(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                List.of());
    }

    /** Builds a snapshot, adding an implicit namespace for every namespace used but not declared. */
    public static Cluster of(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                             List<IngressFact> ingresses, List<PolicyFact> policies,
                             List<ClusterNetworkPolicyFact> adminPolicies, List<ConfigMapFact> configMaps,
                             List<IgnoredObject> ignored, List<SkippedDocument> skipped) {
        return of(namespaces, workloads, services, ingresses, policies, adminPolicies, configMaps, ignored, skipped,
                List.of());
    }

    /** {@link #of} with OpenShift Routes. */
    public static Cluster of(List<NamespaceFact> namespaces, List<Workload> workloads, List<ServiceFact> services,
                             List<IngressFact> ingresses, List<PolicyFact> policies,
                             List<ClusterNetworkPolicyFact> adminPolicies, List<ConfigMapFact> configMaps,
                             List<IgnoredObject> ignored, List<SkippedDocument> skipped, List<RouteFact> routes) {
        Map<String, NamespaceFact> byName = new TreeMap<>();
        for (NamespaceFact ns : namespaces) {
            byName.putIfAbsent(ns.name(), ns);
        }
        List<String> used = new ArrayList<>();
        workloads.forEach(w -> used.add(w.namespace()));
        services.forEach(s -> used.add(s.namespace()));
        ingresses.forEach(i -> used.add(i.namespace()));
        policies.forEach(p -> used.add(p.namespace()));
        configMaps.forEach(c -> used.add(c.namespace()));
        routes.forEach(r -> used.add(r.namespace()));
        for (String name : used) {
            byName.computeIfAbsent(name, n -> new NamespaceFact(n, Map.of(), Map.of(), false, SourceRef.UNKNOWN));
        }
        return new Cluster(new ArrayList<>(byName.values()), workloads, services, ingresses, policies,
                adminPolicies, configMaps, ignored, skipped, routes);
    }

    public Optional<NamespaceFact> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Namespace labels by namespace name, for selector matching. */
    public Map<String, Map<String, String>> namespaceLabels() {
        return namespaces.stream().collect(Collectors.toMap(NamespaceFact::name, NamespaceFact::labels,
                (a, b) -> a, TreeMap::new));
    }

    public List<Workload> workloadsIn(String namespace) {
        return workloads.stream().filter(w -> w.namespace().equals(namespace)).toList();
    }

    public List<PolicyFact> policiesIn(String namespace) {
        return policies.stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    public Optional<ServiceFact> service(String namespace, String name) {
        return services.stream().filter(s -> s.namespace().equals(namespace) && s.name().equals(name)).findFirst();
    }

    /**
     * Workloads whose identity ({@code ns/name[Kind]}) or {@code ns/name} equals the text; {@code ns/web}
     * also names every pod of StatefulSet web when it is analysed per pod ({@code ns/web-0}, ...).
     */
    public List<Workload> findWorkloads(String ref) {
        return workloads.stream().filter(w -> w.id().equals(ref) || (w.namespace() + "/" + w.name()).equals(ref)
                || (w.namespace() + "/" + w.controllerName()).equals(ref)).toList();
    }

    /**
     * What-if: this snapshot with {@code change} applied. An object of {@code change} replaces
     * the object of the same kind, namespace and name here; new objects are added.
     */
    public Cluster applying(Cluster change) {
        return of(
                merge(namespaces.stream().filter(NamespaceFact::declared).toList(),
                        change.namespaces.stream().filter(NamespaceFact::declared).toList(), NamespaceFact::name),
                merge(workloads, change.workloads, w -> w.objectKind() + "/" + w.namespace() + "/" + w.name()),
                merge(services, change.services, s -> s.namespace() + "/" + s.name()),
                merge(ingresses, change.ingresses, i -> i.namespace() + "/" + i.name()),
                merge(policies, change.policies, p -> p.namespace() + "/" + p.name()),
                merge(adminPolicies, change.adminPolicies, a -> a.kind() + "/" + a.name()),
                merge(configMaps, change.configMaps, c -> c.namespace() + "/" + c.name()),
                merge(ignored, change.ignored, o -> o.kind() + "/" + o.namespace() + "/" + o.name()),
                concat(skipped, change.skipped),
                merge(routes, change.routes, r -> r.kind() + "/" + r.namespace() + "/" + r.name() + "/"
                        + r.backendNamespace() + "/" + r.targetPort()))
                .withNodes(merge(nodes, change.nodes, NodeFact::name))
                .withCalico(new CalicoFacts(
                        merge(calico.tiers(), change.calico.tiers(), CalicoTierFact::name),
                        merge(calico.policies(), change.calico.policies(), CalicoPolicyFact::policyId),
                        merge(calico.serviceAccounts(), change.calico.serviceAccounts(),
                                a -> a.namespace() + "/" + a.name())))
                .withPlugin(change.plugin == NetworkPlugin.NONE ? plugin : change.plugin)
                .withCilium(new CiliumObjects(
                        merge(cilium.policies(), change.cilium.policies(), CiliumPolicyFact::id),
                        merge(cilium.cidrGroups(), change.cilium.cidrGroups(), CiliumCidrGroupFact::name)));
    }

    private static <T> List<T> merge(Collection<T> base, Collection<T> change, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        base.forEach(t -> out.put(key.apply(t), t));
        change.forEach(t -> out.put(key.apply(t), t));
        return new ArrayList<>(out.values());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
