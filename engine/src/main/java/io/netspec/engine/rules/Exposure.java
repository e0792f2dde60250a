package io.netspec.engine.rules;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IngressFact;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.RouteFact;
import io.netspec.engine.model.Selector;
import io.netspec.engine.model.ServiceFact;
import io.netspec.engine.model.Workload;

import java.util.List;

/**
 * Who can reach a workload from beyond its own namespace, as built-in packs ask it from DRL.
 */
public final class Exposure {

    private Exposure() {
    }

    /**
     * The objects that expose the workload outside the cluster: LoadBalancer and NodePort Services
     * that select it, Ingresses with a backend naming a Service (in the Ingress's namespace) that
     * selects it, and OpenShift Routes and Gateway API routes (HTTPRoute, GRPCRoute, TCPRoute,
     * TLSRoute, UDPRoute) with such a backend. In manifest order.
     */
    public static List<Object> exposersOf(Cluster cluster, Workload workload) {
        return ClusterIndex.of(cluster).exposersOf(workload);
    }

    /** The identity of an exposer, {@code ns/name[Kind]}, for messages. */
    public static String idOf(Object exposer) {
        return exposer instanceof IngressFact i ? i.id() : exposer instanceof ServiceFact s ? s.id()
                : exposer instanceof RouteFact r ? r.id() : String.valueOf(exposer);
    }

    public static boolean isExternallyExposed(Cluster cluster, Workload workload) {
        return !exposersOf(cluster, workload).isEmpty();
    }

    /**
     * How a datastore is reachable from beyond its namespace on one of {@link Datastores#ports}, or
     * empty when it is not. It is when it is not isolated for ingress, or when an ingress rule
     * allowing such a port admits every source, an ipBlock (addresses outside the cluster), every
     * namespace ({@code namespaceSelector: {}}, with or without a pod selector: anyone who can
     * create pods anywhere can carry the labels), or every pod of another namespace (a
     * namespaceSelector matching a namespace other than its own, with no or an empty pod
     * selector). A rule that names the client pods of another namespace
     * ({@code namespaceSelector} and a non-empty {@code podSelector}) is a deliberate dependency,
     * not exposure.
     */
    public static String datastoreExposure(Network net, Workload workload) {
        List<PolicyFact> policies = net.selecting(workload, Direction.INGRESS);
        if (policies.isEmpty()) {
            return "from every namespace and outside the cluster: no NetworkPolicy isolates it for ingress";
        }
        for (int port : Datastores.ports(workload)) {
            for (PolicyFact policy : policies) {
                for (PolicyRule rule : policy.ingress()) {
                    if (!Network.allowsPort(rule, workload, port, io.netspec.engine.model.Protocol.TCP)) {
                        continue;
                    }
                    String how = admitsBeyondNamespace(net.index(), workload, rule);
                    if (!how.isEmpty()) {
                        return "from " + how + (port == 0 ? "" : " on port " + port) + " (ingress rule "
                                + (rule.index() + 1) + " of " + policy.id() + ", " + rule.source() + ")";
                    }
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
                return anyPod ? "every namespace" : "pods labelled " + peer.podSelector().get() + " in every namespace";
            }
            if (!anyPod) {
                continue;
            }
            for (NamespaceFact ns : index.namespacesMatching(namespaces)) {
                if (!ns.name().equals(workload.namespace())) {
                    return "every pod of namespace " + ns.name();
                }
            }
            boolean own = index.namespace(workload.namespace()).map(ns -> namespaces.matches(ns.labels()))
                    .orElse(false);
            if (!own) {
                // a namespace these manifests do not describe
                return "every pod of namespaces " + namespaces;
            }
        }
        return "";
    }
}
