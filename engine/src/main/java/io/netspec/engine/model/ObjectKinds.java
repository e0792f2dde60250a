package io.netspec.engine.model;

import io.netspec.engine.model.calico.CalicoNetworkSetFact;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoTierFact;
import io.netspec.engine.model.calico.ServiceAccountFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of fact kinds: the one list that references, waivers, rule facts, the what-if merge and
 * the inventory walk, so that adding a kind is one registration (plus its reader, in
 * {@code io.netspec.engine.load.KindRegistry}). Immutable: {@link #with} returns a new registry, so
 * nothing process-wide changes when a caller adds a kind.
 *
 * <p>The built-in kinds come first, in a fixed order, in every registry: {@link Cluster} reads them
 * by position, which keeps its accessors as cheap as a field read.
 */
public final class ObjectKinds {

    public static final ObjectKind<NamespaceFact> NAMESPACES =
            new ObjectKind<>("namespaces", NamespaceFact.class, NamespaceFact::name, true, false);
    public static final ObjectKind<Workload> WORKLOADS = new ObjectKind<>(
            "workloads", Workload.class, w -> w.objectKind() + "/" + w.namespace() + "/" + w.name(), true, true);
    public static final ObjectKind<ServiceFact> SERVICES =
            new ObjectKind<>("services", ServiceFact.class, s -> s.namespace() + "/" + s.name(), true, true);
    public static final ObjectKind<IngressFact> INGRESSES =
            new ObjectKind<>("ingresses", IngressFact.class, i -> i.namespace() + "/" + i.name(), true, true);
    public static final ObjectKind<PolicyFact> NETWORK_POLICIES =
            new ObjectKind<>("networkPolicies", PolicyFact.class, p -> p.namespace() + "/" + p.name(), true, true);
    public static final ObjectKind<ClusterNetworkPolicyFact> ADMIN_POLICIES = new ObjectKind<>(
            "adminNetworkPolicies", ClusterNetworkPolicyFact.class, a -> a.kind() + "/" + a.name(), true, false);
    public static final ObjectKind<ConfigMapFact> CONFIG_MAPS =
            new ObjectKind<>("configMaps", ConfigMapFact.class, c -> c.namespace() + "/" + c.name(), true, true);
    /** Objects of kinds netspec does not analyse: listed, never reasoned about. */
    public static final ObjectKind<IgnoredObject> IGNORED =
            ObjectKind.of("notAnalysed", IgnoredObject.class, false, false);
    /** OpenShift Routes and Gateway API routes: one fact per backend namespace and port. */
    public static final ObjectKind<RouteFact> ROUTES = new ObjectKind<>(
            "routes",
            RouteFact.class,
            r -> r.kind() + "/" + r.namespace() + "/" + r.name() + "/" + r.backendNamespace() + "/" + r.targetPort(),
            true,
            true);

    public static final ObjectKind<NodeFact> NODES = ObjectKind.of("nodes", NodeFact.class, false, false);
    public static final ObjectKind<CalicoTierFact> CALICO_TIERS =
            ObjectKind.of("calicoTiers", CalicoTierFact.class, false, false);
    public static final ObjectKind<CalicoPolicyFact> CALICO_POLICIES =
            ObjectKind.of("calicoPolicies", CalicoPolicyFact.class, true, false);
    public static final ObjectKind<ServiceAccountFact> SERVICE_ACCOUNTS =
            ObjectKind.of("serviceAccounts", ServiceAccountFact.class, false, false);
    public static final ObjectKind<CiliumPolicyFact> CILIUM_POLICIES =
            ObjectKind.of("ciliumPolicies", CiliumPolicyFact.class, true, false);
    public static final ObjectKind<CiliumCidrGroupFact> CILIUM_CIDR_GROUPS =
            ObjectKind.of("ciliumCidrGroups", CiliumCidrGroupFact.class, false, false);
    public static final ObjectKind<CalicoNetworkSetFact> CALICO_NETWORK_SETS =
            ObjectKind.of("calicoNetworkSets", CalicoNetworkSetFact.class, false, false);
    /** The API server's published addresses (Cilium's {@code kube-apiserver} entity): at most a few objects. */
    public static final ObjectKind<KubeApiServerEndpointsFact> KUBE_APISERVER_ENDPOINTS =
            ObjectKind.of("kubeApiServerEndpoints", KubeApiServerEndpointsFact.class, false, false);

    /** The built-in kinds, in the order {@link Cluster} stores them. */
    public static final ObjectKinds BUILT_IN = new ObjectKinds(List.of(
            NAMESPACES,
            WORKLOADS,
            SERVICES,
            INGRESSES,
            NETWORK_POLICIES,
            ADMIN_POLICIES,
            CONFIG_MAPS,
            IGNORED,
            ROUTES,
            NODES,
            CALICO_TIERS,
            CALICO_POLICIES,
            SERVICE_ACCOUNTS,
            CILIUM_POLICIES,
            CILIUM_CIDR_GROUPS,
            CALICO_NETWORK_SETS,
            KUBE_APISERVER_ENDPOINTS));

    private final List<ObjectKind<?>> kinds;
    private final Map<ObjectKind<?>, Integer> positions = new HashMap<>();
    private final Map<Class<?>, ObjectKind<?>> byType = new HashMap<>();

    private ObjectKinds(List<ObjectKind<?>> kinds) {
        this.kinds = List.copyOf(kinds);
        for (ObjectKind<?> k : this.kinds) {
            if (positions.putIfAbsent(k, positions.size()) != null
                    || byType.putIfAbsent(k.type(), k) != null
                    || this.kinds.stream()
                                    .filter(o -> o.name().equals(k.name()))
                                    .count()
                            > 1) {
                throw new IllegalArgumentException("object kind " + k.name() + " ("
                        + k.type().getSimpleName() + ") is registered twice, or its name or type is taken");
            }
        }
    }

    /** This registry and {@code kind}; it is an error to register a name or fact type twice. */
    public ObjectKinds with(ObjectKind<?> kind) {
        List<ObjectKind<?>> more = new ArrayList<>(kinds);
        more.add(kind);
        return new ObjectKinds(more);
    }

    /** The registered kinds, built-in first, in registration order. */
    public List<ObjectKind<?>> all() {
        return kinds;
    }

    /** The kinds registered beyond {@link #BUILT_IN}. */
    public List<ObjectKind<?>> added() {
        return kinds.subList(BUILT_IN.kinds.size(), kinds.size());
    }

    /** The kind registered for the fact's exact class. */
    public Optional<ObjectKind<?>> kindOf(ObjectFact fact) {
        return Optional.ofNullable(byType.get(fact.getClass()));
    }

    /** {@code kind}'s position in {@link #all}, or -1 when it is not registered here. */
    int position(ObjectKind<?> kind) {
        Integer p = positions.get(kind);
        return p == null ? -1 : p;
    }

    /** A registry containing every kind of both (this one's first); the same registry when one contains the other. */
    ObjectKinds union(ObjectKinds other) {
        if (other == this || other.kinds.size() <= kinds.size() && kinds.containsAll(other.kinds)) {
            return this;
        }
        ObjectKinds out = this;
        for (ObjectKind<?> k : other.kinds) {
            if (out.position(k) < 0) {
                out = out.with(k);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectKinds k && k.kinds.equals(kinds);
    }

    @Override
    public int hashCode() {
        return kinds.hashCode();
    }

    @Override
    public String toString() {
        return kinds.toString();
    }
}
