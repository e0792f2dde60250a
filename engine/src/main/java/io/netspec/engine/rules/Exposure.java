package io.netspec.engine.rules;

import io.netspec.engine.connectivity.Endpoint;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;
import java.util.List;
import java.util.Optional;

/**
 * Who can reach a workload from beyond its own namespace, as built-in packs ask it from DRL.
 */
public final class Exposure {

    private Exposure() {}

    /**
     * The objects that expose the workload outside the cluster: LoadBalancer and NodePort Services
     * that select it, Ingresses with a backend naming a Service (in the Ingress's namespace) that
     * selects it, and OpenShift Routes and Gateway API routes (HTTPRoute, GRPCRoute, TCPRoute,
     * TLSRoute, UDPRoute) with such a backend. In manifest order. Answered from the check's index.
     */
    public static List<Object> exposersOf(Network net, Workload workload) {
        return net.index().exposersOf(workload);
    }

    /**
     * As {@link #exposersOf(Network, Workload)} for a bare cluster: builds an index for this one call,
     * so a rule asking it per workload costs workloads x objects. Rules use the {@code net} form.
     */
    public static List<Object> exposersOf(Cluster cluster, Workload workload) {
        return ClusterIndex.of(cluster).exposersOf(workload);
    }

    /** The identity of an exposer, {@code ns/name[Kind]}, for messages. */
    public static String idOf(Object exposer) {
        return exposer instanceof IngressFact i
                ? i.id()
                : exposer instanceof ServiceFact s
                        ? s.id()
                        : exposer instanceof RouteFact r ? r.id() : String.valueOf(exposer);
    }

    public static boolean isExternallyExposed(Network net, Workload workload) {
        return !exposersOf(net, workload).isEmpty();
    }

    /** As {@link #isExternallyExposed(Network, Workload)}, indexing the cluster for this one call. */
    public static boolean isExternallyExposed(Cluster cluster, Workload workload) {
        return !exposersOf(cluster, workload).isEmpty();
    }

    /**
     * How a datastore is reachable from beyond its namespace on one of {@link Datastores#ports}, or
     * empty when it is not. The one evaluator decides, through every policy tier: the datastore's
     * ingress side admits a pod that needs no particular labels in another namespace (or a pod of
     * labels any namespace may hold, for a peer selecting every namespace), or an address outside
     * the cluster. A rule that names the client pods of another namespace ({@code namespaceSelector}
     * and a non-empty {@code podSelector}) is a deliberate dependency, not exposure. The text says
     * which NetworkPolicy rule admits it when one does.
     */
    public static String datastoreExposure(Network net, Datastores datastores, Workload workload) {
        // the ports are the workload's own (unnamed ports are not part of its class); the rest is the class's
        return net.perClass(
                workload,
                new DatastoreQuestion(datastores, datastores.ports(workload)),
                () -> datastoreExposurePlain(net, datastores, workload));
    }

    /** The key of {@link #datastoreExposure}'s answers per class: the vocabulary (one per run) and the ports asked. */
    private record DatastoreQuestion(Datastores datastores, List<Integer> ports) {}

    /** {@link #datastoreExposure} without the per-class answers: the tests' reference. */
    static String datastoreExposurePlain(Network net, Datastores datastores, Workload workload) {
        if (!net.isIsolated(workload, Direction.INGRESS)
                && !net.restrictedBeyondNetworkPolicies(workload, Direction.INGRESS)) {
            return "from every namespace and outside the cluster: no policy isolates it for ingress";
        }
        for (int port : datastores.ports(workload)) {
            Optional<EndpointAttributes> pod = net.admittedFromOtherNamespace(workload, port, Protocol.TCP, true);
            boolean outside = net.analysis().externalSources().stream()
                    .anyMatch(piece -> Network.admits(
                            net.analysis().allowed(piece, new Endpoint.OfWorkload(workload)), port, Protocol.TCP));
            if (pod.isEmpty() && !outside) {
                continue;
            }
            String rule = networkPolicyRule(net, workload, port);
            if (!rule.isEmpty()) {
                return rule;
            }
            String from = pod.map(p -> "pods of namespace " + p.namespace()).orElse("addresses outside the cluster");
            return "from " + from + (port == 0 ? "" : " on port " + port)
                    + (net.isIsolated(workload, Direction.INGRESS)
                                    || net.restrictedBeyondNetworkPolicies(workload, Direction.INGRESS)
                            ? " (admitted by a rule beyond the namespace's NetworkPolicies: "
                                    + String.join(", ", net.tierNames()) + ")"
                            : ": no policy isolates it for ingress");
        }
        return "";
    }

    /** The NetworkPolicy ingress rule admitting the datastore port beyond its namespace, in words; empty when none. */
    private static String networkPolicyRule(Network net, Workload workload, int port) {
        for (PolicyFact policy : net.selecting(workload, Direction.INGRESS)) {
            for (PolicyRule rule : policy.ingress()) {
                if (!Network.allowsPort(rule, workload, port, Protocol.TCP)) {
                    continue;
                }
                String how = admitsBeyondNamespace(net.index(), workload, rule);
                if (!how.isEmpty()) {
                    return "from " + how + (port == 0 ? "" : " on port " + port) + " (ingress rule "
                            + (rule.index() + 1) + " of " + policy.id() + ", " + rule.source() + ")";
                }
            }
        }
        return "";
    }

    private static String admitsBeyondNamespace(ClusterIndex index, Workload workload, PolicyRule rule) {
        if (rule.allPeers()) {
            return "every source";
        }
        for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock().isPresent()) {
                return "addresses " + peer.ipBlock().get();
            }
            if (peer.namespaceSelector().isEmpty()) {
                continue;
            }
            Selector namespaces = peer.namespaceSelector().get();
            boolean anyPod = peer.podSelector().map(Selector::isEmpty).orElse(true);
            if (namespaces.isEmpty()) {
                return anyPod
                        ? "every namespace"
                        : "pods labelled " + peer.podSelector().get() + " in every namespace";
            }
            if (!anyPod) {
                continue;
            }
            for (NamespaceFact ns : index.namespacesMatching(namespaces)) {
                if (!ns.name().equals(workload.namespace())) {
                    return "every pod of namespace " + ns.name();
                }
            }
            boolean own = index.namespace(workload.namespace())
                    .map(ns -> namespaces.matches(ns.labels()))
                    .orElse(false);
            if (!own) {
                // a namespace these manifests do not describe
                return "every pod of namespaces " + namespaces;
            }
        }
        return "";
    }
}
