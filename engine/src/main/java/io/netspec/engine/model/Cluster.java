package io.netspec.engine.model;

import io.netspec.engine.model.calico.CalicoFacts;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One immutable snapshot of everything the manifests say. Everything downstream reads it; nothing
 * mutates it. A what-if ({@link #applying}) makes a new snapshot.
 *
 * <p>Facts are held by {@link ObjectKind}, in the order of the snapshot's {@link ObjectKinds} registry;
 * the accessors of the built-in kinds ({@link #workloads()}, ...) are views that read a list by its
 * fixed position, as cheap as the record fields they replace. Build one with {@link #builder()}.
 *
 * <p>Every namespace an object lives in exists here, declared or not: {@link Builder#build} adds the
 * undeclared ones with only the {@code kubernetes.io/metadata.name} label, as the API server would.
 */
public final class Cluster {

    private static final int NAMESPACES = position(ObjectKinds.NAMESPACES);
    private static final int WORKLOADS = position(ObjectKinds.WORKLOADS);
    private static final int SERVICES = position(ObjectKinds.SERVICES);
    private static final int INGRESSES = position(ObjectKinds.INGRESSES);
    private static final int POLICIES = position(ObjectKinds.NETWORK_POLICIES);
    private static final int ADMIN_POLICIES = position(ObjectKinds.ADMIN_POLICIES);
    private static final int CONFIG_MAPS = position(ObjectKinds.CONFIG_MAPS);
    private static final int IGNORED = position(ObjectKinds.IGNORED);
    private static final int ROUTES = position(ObjectKinds.ROUTES);
    private static final int NODES = position(ObjectKinds.NODES);

    public static final Cluster EMPTY = builder().build();

    private final ObjectKinds kinds;
    /** One immutable list per kind of {@link #kinds}, by position. */
    private final List<?>[] facts;

    private final List<SkippedDocument> skipped;
    private final NetworkPlugin plugin;
    /**
     * The cluster's pod address ranges as the user gave them ({@code podCIDRs:}, {@code --pod-cidr}); empty when
     * not given. Not facts of the manifests: settings of the analysis, like {@link #plugin}.
     */
    private final List<Cidr> podCidrs;
    /**
     * The cluster's node address ranges as the user gave them ({@code nodeCIDRs:}, {@code --node-cidr}): where a
     * host-network pod's address lies when its Node's addresses are not in the input. Settings, like podCidrs.
     */
    private final List<Cidr> nodeCidrs;
    /** Views made once: callers read them in loops. */
    private final CalicoFacts calico;

    private final CiliumObjects cilium;
    /**
     * Lookups by namespace, made on first use (rules and compilers ask per workload and policy: a scan
     * per call made a Calico L cluster's check quadratic). Immutable once set; a race builds it twice.
     */
    private volatile Map<String, NamespaceFact> namespacesByName;

    private volatile Map<String, List<Workload>> workloadsByNamespace;

    private Cluster(
            ObjectKinds kinds,
            List<?>[] facts,
            List<SkippedDocument> skipped,
            NetworkPlugin plugin,
            List<Cidr> podCidrs,
            List<Cidr> nodeCidrs) {
        this.kinds = kinds;
        this.podCidrs = List.copyOf(podCidrs);
        this.nodeCidrs = List.copyOf(nodeCidrs);
        this.facts = facts;
        this.skipped = List.copyOf(skipped);
        this.plugin = plugin == null || plugin == NetworkPlugin.AUTO ? NetworkPlugin.NONE : plugin;
        this.calico = new CalicoFacts(
                get(ObjectKinds.CALICO_TIERS),
                get(ObjectKinds.CALICO_POLICIES),
                get(ObjectKinds.SERVICE_ACCOUNTS),
                get(ObjectKinds.CALICO_NETWORK_SETS));
        this.cilium = new CiliumObjects(get(ObjectKinds.CILIUM_POLICIES), get(ObjectKinds.CILIUM_CIDR_GROUPS));
    }

    private static int position(ObjectKind<?> kind) {
        return ObjectKinds.BUILT_IN.position(kind);
    }

    /** A snapshot of the built-in kinds. */
    public static Builder builder() {
        return new Builder(ObjectKinds.BUILT_IN);
    }

    /** A snapshot that can hold the kinds of {@code kinds} (built-in ones and those registered beyond them). */
    public static Builder builder(ObjectKinds kinds) {
        return new Builder(kinds);
    }

    /** A builder holding this snapshot's facts, to change some and build another. */
    public Builder toBuilder() {
        Builder b = new Builder(kinds).withoutImplicitNamespaces();
        for (int i = 0; i < facts.length; i++) {
            b.lists[i].addAll(get(i));
        }
        b.skipped.addAll(skipped);
        b.plugin = plugin;
        b.podCidrs = podCidrs;
        b.nodeCidrs = nodeCidrs;
        return b;
    }

    // ---- kinds

    /** The kinds this snapshot can hold. */
    public ObjectKinds kinds() {
        return kinds;
    }

    /** The facts of {@code kind}; empty when the kind is not registered in {@link #kinds()}. */
    @SuppressWarnings("unchecked")
    public <T extends ObjectFact> List<T> facts(ObjectKind<T> kind) {
        int p = kinds.position(kind);
        return p < 0 ? List.of() : (List<T>) facts[p];
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> get(int position) {
        return (List<T>) facts[position];
    }

    private <T extends ObjectFact> List<T> get(ObjectKind<T> kind) {
        return get(position(kind));
    }

    // ---- the built-in kinds, as views

    public List<NamespaceFact> namespaces() {
        return get(NAMESPACES);
    }

    public List<Workload> workloads() {
        return get(WORKLOADS);
    }

    public List<ServiceFact> services() {
        return get(SERVICES);
    }

    public List<IngressFact> ingresses() {
        return get(INGRESSES);
    }

    public List<PolicyFact> policies() {
        return get(POLICIES);
    }

    public List<ClusterNetworkPolicyFact> adminPolicies() {
        return get(ADMIN_POLICIES);
    }

    public List<ConfigMapFact> configMaps() {
        return get(CONFIG_MAPS);
    }

    public List<IgnoredObject> ignored() {
        return get(IGNORED);
    }

    public List<SkippedDocument> skipped() {
        return skipped;
    }

    public List<RouteFact> routes() {
        return get(ROUTES);
    }

    /** The {@code default/kubernetes} EndpointSlices and Endpoints of the input: the API server's addresses. */
    public List<KubeApiServerEndpointsFact> kubeApiServerEndpoints() {
        return facts(ObjectKinds.KUBE_APISERVER_ENDPOINTS);
    }

    public List<NodeFact> nodes() {
        return get(NODES);
    }

    public CalicoFacts calico() {
        return calico;
    }

    public NetworkPlugin plugin() {
        return plugin;
    }

    /** The pod address ranges the user gave ({@code podCIDRs:}, {@code --pod-cidr}); empty when not given. */
    public List<Cidr> podCidrs() {
        return podCidrs;
    }

    /** The node address ranges the user gave ({@code nodeCIDRs:}, {@code --node-cidr}); empty when not given. */
    public List<Cidr> nodeCidrs() {
        return nodeCidrs;
    }

    public CiliumObjects cilium() {
        return cilium;
    }

    // ---- derived snapshots

    /** This snapshot with the cluster's Node objects (their labels and addresses). */
    public Cluster withNodes(List<NodeFact> nodes) {
        return replacing(ObjectKinds.NODES, nodes);
    }

    /** This snapshot with Calico's tiers, policies and the service accounts they match on. */
    public Cluster withCalico(CalicoFacts calico) {
        CalicoFacts c = calico == null ? CalicoFacts.EMPTY : calico;
        return replacing(ObjectKinds.CALICO_TIERS, c.tiers())
                .replacing(ObjectKinds.CALICO_POLICIES, c.policies())
                .replacing(ObjectKinds.SERVICE_ACCOUNTS, c.serviceAccounts())
                .replacing(ObjectKinds.CALICO_NETWORK_SETS, c.networkSets());
    }

    /** This snapshot analysed as {@code plugin} enforces policy ({@link NetworkPlugin#AUTO} means none). */
    public Cluster withPlugin(NetworkPlugin plugin) {
        return new Cluster(kinds, facts, skipped, plugin, podCidrs, nodeCidrs);
    }

    /** This snapshot with the pod address ranges the user gave (an empty list: none given). */
    public Cluster withPodCidrs(List<Cidr> ranges) {
        return new Cluster(kinds, facts, skipped, plugin, ranges, nodeCidrs);
    }

    /** This snapshot with the node address ranges the user gave (an empty list: none given). */
    public Cluster withNodeCidrs(List<Cidr> ranges) {
        return new Cluster(kinds, facts, skipped, plugin, podCidrs, ranges);
    }

    /** This snapshot with Cilium's policies and CIDR groups. */
    public Cluster withCilium(CiliumObjects cilium) {
        CiliumObjects c = cilium == null ? CiliumObjects.NONE : cilium;
        return replacing(ObjectKinds.CILIUM_POLICIES, c.policies())
                .replacing(ObjectKinds.CILIUM_CIDR_GROUPS, c.cidrGroups());
    }

    /** This snapshot with the facts of {@code kind} replaced (the other kinds' lists are shared, not copied). */
    public <T extends ObjectFact> Cluster replacing(ObjectKind<T> kind, Collection<? extends T> replacement) {
        ObjectKinds k = kinds.position(kind) < 0 ? kinds.with(kind) : kinds;
        List<?>[] out = Arrays.copyOf(facts, k.all().size());
        for (int i = facts.length; i < out.length; i++) {
            out[i] = List.of();
        }
        out[k.position(kind)] = List.copyOf(replacement);
        return new Cluster(k, out, skipped, plugin, podCidrs, nodeCidrs);
    }

    // ---- queries

    public Optional<NodeFact> node(String name) {
        return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<NamespaceFact> namespace(String name) {
        Map<String, NamespaceFact> byName = namespacesByName;
        if (byName == null) {
            Map<String, NamespaceFact> made = new HashMap<>();
            for (NamespaceFact n : namespaces()) {
                made.putIfAbsent(n.name(), n);
            }
            byName = Collections.unmodifiableMap(made);
            namespacesByName = byName;
        }
        return Optional.ofNullable(byName.get(name));
    }

    /** Namespace labels by namespace name, for selector matching. */
    public Map<String, Map<String, String>> namespaceLabels() {
        return namespaces().stream()
                .collect(Collectors.toMap(NamespaceFact::name, NamespaceFact::labels, (a, b) -> a, TreeMap::new));
    }

    public List<Workload> workloadsIn(String namespace) {
        Map<String, List<Workload>> byNamespace = workloadsByNamespace;
        if (byNamespace == null) {
            Map<String, List<Workload>> made = new HashMap<>();
            for (Workload w : workloads()) {
                made.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w);
            }
            made.replaceAll((k, v) -> List.copyOf(v));
            byNamespace = Collections.unmodifiableMap(made);
            workloadsByNamespace = byNamespace;
        }
        return byNamespace.getOrDefault(namespace, List.of());
    }

    public List<PolicyFact> policiesIn(String namespace) {
        return policies().stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    public Optional<ServiceFact> service(String namespace, String name) {
        return services().stream()
                .filter(s -> s.namespace().equals(namespace) && s.name().equals(name))
                .findFirst();
    }

    /**
     * Workloads whose identity ({@code ns/name[Kind]}) or {@code ns/name} equals the text; {@code ns/web}
     * also names every pod of StatefulSet web when it is analysed per pod ({@code ns/web-0}, ...).
     */
    public List<Workload> findWorkloads(String ref) {
        return workloads().stream()
                .filter(w -> w.id().equals(ref)
                        || (w.namespace() + "/" + w.name()).equals(ref)
                        || (w.namespace() + "/" + w.controllerName()).equals(ref))
                .toList();
    }

    /**
     * What-if: this snapshot with {@code change} applied. An object of {@code change} replaces
     * the object of the same kind and {@link ObjectKind#key key} here; new objects are added.
     * Implicit namespaces are worked out again for the result.
     */
    public Cluster applying(Cluster change) {
        ObjectKinds all = kinds.union(change.kinds);
        Builder out = new Builder(all);
        for (ObjectKind<?> kind : all.all()) {
            List<? extends ObjectFact> base = facts(kind);
            List<? extends ObjectFact> changed = change.facts(kind);
            if (kind.equals(ObjectKinds.NAMESPACES)) {
                base = namespaces().stream().filter(NamespaceFact::declared).toList();
                changed = change.namespaces().stream()
                        .filter(NamespaceFact::declared)
                        .toList();
            }
            Map<String, ObjectFact> merged = new LinkedHashMap<>();
            base.forEach(f -> merged.put(kind.keyOf(f), f));
            changed.forEach(f -> merged.put(kind.keyOf(f), f));
            out.lists[all.position(kind)].addAll(merged.values());
        }
        out.skipped.addAll(skipped);
        out.skipped.addAll(change.skipped);
        out.plugin = change.plugin == NetworkPlugin.NONE ? plugin : change.plugin;
        out.podCidrs = change.podCidrs.isEmpty() ? podCidrs : change.podCidrs;
        out.nodeCidrs = change.nodeCidrs.isEmpty() ? nodeCidrs : change.nodeCidrs;
        return out.build();
    }

    // ---- value semantics, as the record had

    @Override
    public boolean equals(Object o) {
        return o instanceof Cluster c
                && c.kinds.equals(kinds)
                && Arrays.equals(c.facts, facts)
                && c.skipped.equals(skipped)
                && c.plugin == plugin
                && c.podCidrs.equals(podCidrs)
                && c.nodeCidrs.equals(nodeCidrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kinds, Arrays.hashCode(facts), skipped, plugin, podCidrs, nodeCidrs);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Cluster[");
        for (int i = 0; i < facts.length; i++) {
            if (!facts[i].isEmpty()) {
                s.append(kinds.all().get(i).name())
                        .append('=')
                        .append(facts[i].size())
                        .append(", ");
            }
        }
        return s.append("plugin=").append(plugin.wireName()).append(']').toString();
    }

    /**
     * Collects facts by kind; {@link #build} makes the snapshot. Every adder appends, so tests name only the
     * kinds they use: {@code Cluster.builder().workloads(ws).policies(ps).build()}.
     */
    public static final class Builder {

        private final ObjectKinds kinds;
        private final List<ObjectFact>[] lists;
        private final List<SkippedDocument> skipped = new ArrayList<>();
        private NetworkPlugin plugin = NetworkPlugin.NONE;
        private List<Cidr> podCidrs = List.of();
        private List<Cidr> nodeCidrs = List.of();
        private boolean implicitNamespaces = true;

        @SuppressWarnings("unchecked")
        private Builder(ObjectKinds kinds) {
            this.kinds = kinds;
            this.lists = new List[kinds.all().size()];
            for (int i = 0; i < lists.length; i++) {
                lists[i] = new ArrayList<>();
            }
        }

        /** Adds facts of {@code kind}, which must be registered in this builder's {@link ObjectKinds}. */
        public <T extends ObjectFact> Builder add(ObjectKind<T> kind, Collection<? extends T> more) {
            int p = kinds.position(kind);
            if (p < 0) {
                throw new IllegalArgumentException("object kind " + kind.name() + " is not registered: build with "
                        + "Cluster.builder(kinds) where kinds has it");
            }
            lists[p].addAll(more);
            return this;
        }

        /** Adds facts, each to the kind registered for its class. */
        public Builder add(ObjectFact... more) {
            for (ObjectFact f : more) {
                ObjectKind<?> kind = kinds.kindOf(f)
                        .orElseThrow(() -> new IllegalArgumentException("no object kind is registered for "
                                + f.getClass().getSimpleName()));
                lists[kinds.position(kind)].add(f);
            }
            return this;
        }

        public Builder namespaces(Collection<NamespaceFact> more) {
            return add(ObjectKinds.NAMESPACES, more);
        }

        public Builder workloads(Collection<Workload> more) {
            return add(ObjectKinds.WORKLOADS, more);
        }

        public Builder services(Collection<ServiceFact> more) {
            return add(ObjectKinds.SERVICES, more);
        }

        public Builder ingresses(Collection<IngressFact> more) {
            return add(ObjectKinds.INGRESSES, more);
        }

        public Builder policies(Collection<PolicyFact> more) {
            return add(ObjectKinds.NETWORK_POLICIES, more);
        }

        public Builder adminPolicies(Collection<ClusterNetworkPolicyFact> more) {
            return add(ObjectKinds.ADMIN_POLICIES, more);
        }

        public Builder configMaps(Collection<ConfigMapFact> more) {
            return add(ObjectKinds.CONFIG_MAPS, more);
        }

        public Builder ignored(Collection<IgnoredObject> more) {
            return add(ObjectKinds.IGNORED, more);
        }

        public Builder routes(Collection<RouteFact> more) {
            return add(ObjectKinds.ROUTES, more);
        }

        public Builder nodes(Collection<NodeFact> more) {
            return add(ObjectKinds.NODES, more);
        }

        public Builder calicoTiers(Collection<CalicoTierFact> more) {
            return add(ObjectKinds.CALICO_TIERS, more);
        }

        public Builder calicoPolicies(Collection<CalicoPolicyFact> more) {
            return add(ObjectKinds.CALICO_POLICIES, more);
        }

        public Builder serviceAccounts(Collection<ServiceAccountFact> more) {
            return add(ObjectKinds.SERVICE_ACCOUNTS, more);
        }

        /** Adds Calico's tiers, policies and service accounts ({@code null} adds nothing). */
        public Builder calico(CalicoFacts calico) {
            if (calico != null) {
                calicoTiers(calico.tiers()).calicoPolicies(calico.policies()).serviceAccounts(calico.serviceAccounts());
                add(ObjectKinds.CALICO_NETWORK_SETS, calico.networkSets());
            }
            return this;
        }

        /** Adds Cilium's policies and CIDR groups ({@code null} adds nothing). */
        public Builder cilium(CiliumObjects cilium) {
            if (cilium != null) {
                add(ObjectKinds.CILIUM_POLICIES, cilium.policies());
                add(ObjectKinds.CILIUM_CIDR_GROUPS, cilium.cidrGroups());
            }
            return this;
        }

        public Builder skipped(Collection<SkippedDocument> more) {
            skipped.addAll(more);
            return this;
        }

        /** The CNI plugin that enforces policy; {@code null} or {@link NetworkPlugin#AUTO} mean none. */
        public Builder plugin(NetworkPlugin plugin) {
            this.plugin = plugin;
            return this;
        }

        /** Keeps the namespaces as given: no implicit namespace is added for one used but not declared. */
        public Builder withoutImplicitNamespaces() {
            implicitNamespaces = false;
            return this;
        }

        public Cluster build() {
            List<?>[] facts = new List<?>[lists.length];
            for (int i = 0; i < lists.length; i++) {
                facts[i] = List.copyOf(lists[i]);
            }
            if (implicitNamespaces) {
                facts[NAMESPACES] = withImplicitNamespaces();
            }
            return new Cluster(kinds, facts, skipped, plugin, podCidrs, nodeCidrs);
        }

        private List<NamespaceFact> withImplicitNamespaces() {
            Map<String, NamespaceFact> byName = new TreeMap<>();
            for (ObjectFact f : lists[NAMESPACES]) {
                byName.putIfAbsent(f.name(), (NamespaceFact) f);
            }
            for (int i = 0; i < lists.length; i++) {
                if (kinds.all().get(i).impliesNamespace()) {
                    String previous = null;
                    for (ObjectFact f : lists[i]) {
                        String namespace = f.namespace();
                        // objects come namespace by namespace (a file per namespace): one look-up per run of them
                        if (!namespace.equals(previous)) {
                            byName.computeIfAbsent(
                                    namespace, n -> new NamespaceFact(n, Map.of(), Map.of(), false, SourceRef.UNKNOWN));
                            previous = namespace;
                        }
                    }
                }
            }
            return List.copyOf(byName.values());
        }
    }
}
