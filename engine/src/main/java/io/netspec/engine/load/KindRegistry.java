package io.netspec.engine.load;

import io.netspec.engine.model.ConfigMapFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.ObjectFact;
import io.netspec.engine.model.ObjectKind;
import io.netspec.engine.model.ObjectKinds;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The kinds the loader reads into facts, each registered once with its reader and the fact kind it
 * yields ({@link ObjectKinds}). Everything that handles facts by kind (references, waivers, rule
 * facts, inventory) finds a registered kind without further code. Immutable: {@link #with} returns a
 * new registry, which a caller passes in {@link LoadOptions#withKinds}.
 *
 * <p>Calico's kinds are not here: one reader serves both of Calico's API groups and its staged kinds
 * ({@link ObjectReader}); their fact kinds are registered in {@link ObjectKinds#BUILT_IN}.
 */
public final class KindRegistry {

    /** Reads one object of a kind registered from outside the loader into its fact. */
    @FunctionalInterface
    public interface Reader<T extends ObjectFact> {
        T read(ManifestObject object);
    }

    /** The loader's own readers: the whole document node, problems, and facts that need folding (pods, routes). */
    @FunctionalInterface
    interface InternalReader {
        void read(YamlMap object, ObjectMeta meta, ReadContext ctx, FileFacts facts);
    }

    /** A reader whose object is one fact. */
    @FunctionalInterface
    private interface OneFact {
        Object read(YamlMap object, ObjectMeta meta, ReadContext ctx);
    }

    /**
     * One registered API kind ({@code apps/Deployment}).
     *
     * @param lenientMeta metadata read as for a kind netspec does not analyse (no name or label checks): kinds of
     *     which only one object is analysed and the others listed as not analysed, as before they had a reader
     */
    record Entry(String type, boolean clusterScoped, InternalReader reader, boolean lenientMeta) {
        Entry(String type, boolean clusterScoped, InternalReader reader) {
            this(type, clusterScoped, reader, false);
        }
    }

    public static final KindRegistry BUILT_IN = builtIn();

    private final Map<String, Entry> byType;
    private final ObjectKinds kinds;
    /** What a live read lists for these kinds, in registration order. */
    private final List<ApiResource> live;

    private KindRegistry(Map<String, Entry> byType, ObjectKinds kinds, List<ApiResource> live) {
        this.byType = Map.copyOf(byType);
        this.kinds = kinds;
        this.live = List.copyOf(live);
    }

    /**
     * The API resources a live cluster read lists for the registered kinds, in registration order. Kinds
     * without one are not listed: ConfigMaps are got by name (only those workloads refer to), Secrets never.
     */
    public List<ApiResource> liveResources() {
        return live;
    }

    private static KindRegistry builtIn() {
        Map<String, Entry> m = new LinkedHashMap<>();
        List<ApiResource> live = new ArrayList<>();
        // the order of a live read
        live.add(new ApiResource("", "v1", "namespaces", "Namespace", false));
        live.add(new ApiResource("", "v1", "nodes", "Node", false));
        live.add(new ApiResource("", "v1", "pods", "Pod", true));
        live.add(new ApiResource("", "v1", "services", "Service", true));
        live.add(new ApiResource("", "v1", "replicationcontrollers", "ReplicationController", true));
        for (String workload : new String[] {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"}) {
            live.add(new ApiResource("apps", "v1", workload.toLowerCase(Locale.ROOT) + "s", workload, true));
        }
        live.add(new ApiResource("batch", "v1", "jobs", "Job", true));
        live.add(new ApiResource("batch", "v1", "cronjobs", "CronJob", true));
        live.add(new ApiResource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true));
        live.add(new ApiResource("networking.k8s.io", "v1", "ingresses", "Ingress", true));
        live.add(new ApiResource(
                "policy.networking.k8s.io", "v1alpha1", "adminnetworkpolicies", "AdminNetworkPolicy", false));
        live.add(new ApiResource(
                "policy.networking.k8s.io",
                "v1alpha1",
                "baselineadminnetworkpolicies",
                "BaselineAdminNetworkPolicy",
                false));
        live.add(new ApiResource(
                "policy.networking.k8s.io", "v1alpha2", "clusternetworkpolicies", "ClusterNetworkPolicy", false));
        live.add(new ApiResource("route.openshift.io", "v1", "routes", "Route", true));
        live.add(new ApiResource("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true));
        live.add(new ApiResource("cilium.io", "v2", "ciliumnetworkpolicies", "CiliumNetworkPolicy", true));
        live.add(new ApiResource(
                "cilium.io", "v2", "ciliumclusterwidenetworkpolicies", "CiliumClusterwideNetworkPolicy", false));
        one(
                m,
                "core/Namespace",
                true,
                (o, meta, ctx) -> new NamespaceFact(meta.name(), meta.labels(), meta.annotations(), true, o.source()));
        one(
                m,
                "core/ConfigMap",
                false,
                (o, meta, ctx) -> new ConfigMapFact(meta.namespace(), meta.name(), o.textMap("data"), o.source()));
        for (String workload : new String[] {
            "core/Pod",
            "core/ReplicationController",
            "apps/Deployment",
            "apps/StatefulSet",
            "apps/DaemonSet",
            "apps/ReplicaSet",
            "batch/Job",
            "batch/CronJob",
            // Deployment look-alikes with a pod template of their own: Argo Rollouts, OpenShift
            "argoproj.io/Rollout",
            "apps.openshift.io/DeploymentConfig"
        }) {
            m.put(
                    workload,
                    new Entry(workload, false, (o, meta, ctx, facts) -> WorkloadReader.read(o, meta, ctx, facts)));
        }
        one(m, "core/Service", false, (o, meta, ctx) -> ServiceReader.readService(o, meta, ctx));
        one(m, "networking/Ingress", false, (o, meta, ctx) -> ServiceReader.readIngress(o, meta));
        one(m, "networking/NetworkPolicy", false, NetworkPolicyReader::read);
        one(
                m,
                "policy-networking/AdminNetworkPolicy",
                true,
                (o, meta, ctx) -> AdminPolicyReader.read(o, meta, false, ctx));
        one(
                m,
                "policy-networking/BaselineAdminNetworkPolicy",
                true,
                (o, meta, ctx) -> AdminPolicyReader.read(o, meta, true, ctx));
        one(m, "policy-networking/ClusterNetworkPolicy", true, ClusterNetworkPolicyReader::read);
        one(m, "route.openshift.io/Route", false, RouteReader::read);
        for (String route : new String[] {"HTTPRoute", "GRPCRoute", "TCPRoute", "TLSRoute", "UDPRoute"}) {
            one(
                    m,
                    "gateway.networking.k8s.io/" + route,
                    false,
                    (o, meta, ctx) -> new CollectedFacts.GatewayRoutes(GatewayRouteReader.read(o, meta)));
        }
        one(
                m,
                "core/ServiceAccount",
                false,
                (o, meta, ctx) -> new ServiceAccountFact(meta.namespace(), meta.name(), meta.labels(), o.source()));
        one(m, "core/Node", true, (o, meta, ctx) -> NodeReader.read(o, meta, ctx));
        one(m, "cilium.io/CiliumNetworkPolicy", false, (o, meta, ctx) -> CiliumPolicyReader.read(o, meta, false, ctx));
        one(
                m,
                "cilium.io/CiliumClusterwideNetworkPolicy",
                true,
                (o, meta, ctx) -> CiliumPolicyReader.read(o, meta, true, ctx));
        one(m, "cilium.io/CiliumCIDRGroup", true, CiliumPolicyReader::readCidrGroup);
        // only default/kubernetes is analysed (the API server's addresses, Cilium's kube-apiserver entity)
        m.put(
                "discovery.k8s.io/EndpointSlice",
                new Entry("discovery.k8s.io/EndpointSlice", false, KubeApiServerEndpointsReader::readSlice, true));
        m.put("core/Endpoints", new Entry("core/Endpoints", false, KubeApiServerEndpointsReader::readEndpoints, true));
        for (ApiResource r : live) {
            if (!m.containsKey(typeKey(r.group(), r.kind()))) {
                throw new IllegalStateException("live resource " + r.plural() + " of a kind without a reader");
            }
        }
        return new KindRegistry(m, ObjectKinds.BUILT_IN, live);
    }

    private static void one(Map<String, Entry> m, String type, boolean clusterScoped, OneFact reader) {
        m.put(
                type,
                new Entry(
                        type,
                        clusterScoped,
                        (o, meta, ctx, facts) -> facts.add(meta, reader.read(o, meta, ctx), o.source())));
    }

    /**
     * This registry and one more kind: objects of {@code apiGroup}/{@code kind} (any version) are read by
     * {@code reader} into facts of {@code factKind}, which is registered in {@link #kinds()} unless it is
     * already. It is an error to register an API kind that is registered already.
     */
    public <T extends ObjectFact> KindRegistry with(
            String apiGroup, String kind, boolean clusterScoped, ObjectKind<T> factKind, Reader<T> reader) {
        return with(apiGroup, kind, clusterScoped, factKind, reader, Optional.empty());
    }

    /** The same, and a live cluster read lists {@code live} for it (its group and kind must be these). */
    public <T extends ObjectFact> KindRegistry with(
            String apiGroup,
            String kind,
            boolean clusterScoped,
            ObjectKind<T> factKind,
            Reader<T> reader,
            Optional<ApiResource> live) {
        if (live.isPresent()
                && (!live.get().group().equals(apiGroup)
                        || !live.get().kind().equals(kind)
                        || live.get().namespaced() == clusterScoped)) {
            throw new IllegalArgumentException("live resource " + live.get().plural() + " is not " + kind
                    + " of API group " + apiGroup + " with that scope");
        }
        String type = typeKey(apiGroup, kind);
        if (byType.containsKey(type)) {
            throw new IllegalArgumentException("kind " + kind + " of API group " + apiGroup + " is registered already");
        }
        Map<String, Entry> more = new LinkedHashMap<>(byType);
        more.put(type, new Entry(type, clusterScoped, (o, meta, ctx, facts) -> {
            String apiVersion = o.string("apiVersion").orElse(apiGroup);
            facts.add(meta, reader.read(new ManifestObject(o, meta, apiVersion)), o.source());
        }));
        boolean known = kinds.all().contains(factKind);
        List<ApiResource> moreLive = new ArrayList<>(this.live);
        live.ifPresent(moreLive::add);
        return new KindRegistry(more, known ? kinds : kinds.with(factKind), moreLive);
    }

    /** The fact kinds the registered readers yield, for {@link io.netspec.engine.model.Cluster#builder(ObjectKinds)}. */
    public ObjectKinds kinds() {
        return kinds;
    }

    /** The reader of a type ({@link #typeKey}); empty for kinds read as not analysed. */
    Optional<Entry> entry(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /**
     * A kind's type key, its API group normalised so that old {@code extensions}/{@code apps} betas read
     * like their GA versions: {@code apps/Deployment}, {@code networking/NetworkPolicy}, {@code core/Pod}.
     */
    static String typeKey(String group, String kind) {
        String g = switch (group) {
            case "" -> "core";
            case "apps" -> "apps";
            case "extensions" ->
                switch (kind) {
                    case "Ingress", "NetworkPolicy" -> "networking";
                    default -> "apps";
                };
            case "batch" -> "batch";
            case "networking.k8s.io" -> "networking";
            case "policy.networking.k8s.io" -> "policy-networking";
            default -> group;
        };
        return g + "/" + kind;
    }
}
