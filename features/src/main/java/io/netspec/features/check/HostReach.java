package io.netspec.features.check;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.ConnectivityAnalysis;
import io.netspec.engine.connectivity.cilium.CiliumLayerCompiler;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.ReferenceEvaluator;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Workload;
import io.netspec.features.SpecInputException;
import io.netspec.features.reference.Target;
import java.util.List;
import java.util.Map;

/**
 * Connections between a pod and the host of the node it runs on ({@code the host}), as the cluster's plugin decides
 * them:
 * <ul>
 * <li>Cilium (the pinned version): the pod's egress to its host is policy like any other (default deny applies;
 * the {@code host}, {@code cluster} and {@code all} entities match it); the host into the pod is allowed even under
 * default deny ({@code allow-localhost: policy}, the default in Kubernetes mode, {@code pkg/policy/repository.go}),
 * and only a deny rule matching the host stops it.</li>
 * <li>Kubernetes NetworkPolicy ({@code --cni none}): traffic between a pod and its node is always allowed (the
 * NetworkPolicy documentation); a ClusterNetworkPolicy {@code nodes} peer might match the node, which manifests do
 * not name, so then it is not decided.</li>
 * <li>Calico: decided by FelixConfiguration ({@code defaultEndpointToHostAction}) and host endpoints, which netspec
 * does not read: not decided.</li>
 * </ul>
 */
final class HostReach {

    /** What passes between the two ends, with why; or why manifests cannot tell. */
    sealed interface Verdict {}

    record Decided(ConnectionSet allowed, String why) implements Verdict {}

    record Undecided(String reason) implements Verdict {}

    private final ConnectivityAnalysis analysis;

    HostReach(ConnectivityAnalysis analysis) {
        this.analysis = analysis;
    }

    static boolean involved(Target s, Target d) {
        return s instanceof Target.NodeHost || d instanceof Target.NodeHost;
    }

    /** One end is the host, the other a workload. */
    Verdict between(Target s, Target d) {
        boolean fromHost = s instanceof Target.NodeHost;
        Target other = fromHost ? d : s;
        Workload w = other.workload()
                .orElseThrow(
                        () -> new SpecInputException("the host connects to pods only; " + other + " is not a pod"));
        return switch (analysis.cluster().plugin()) {
            case CILIUM ->
                fromHost
                        ? cilium(w)
                        : new Decided(
                                analysis.egressTo(w, EndpointAttributes.NODE_HOST),
                                "Cilium: the egress of " + w.id()
                                        + " to its host, as its policies decide (the host, cluster and all"
                                        + " entities match the host)");
            case CALICO ->
                new Undecided("under Calico, traffic between a pod and its node's host depends on"
                        + " FelixConfiguration (defaultEndpointToHostAction) and host endpoint policies, which netspec"
                        + " does not read");
            case NONE, AUTO ->
                nodesPeers()
                        ? new Undecided("a ClusterNetworkPolicy nodes peer may match the node,"
                                + " and the manifests do not say which node " + w.id() + " runs on")
                        : new Decided(
                                ConnectionSet.all(),
                                "Kubernetes NetworkPolicy never blocks traffic between a pod and"
                                        + " the node it runs on");
        };
    }

    /** Host into the pod: every tier but Cilium's default deny (allow-localhost), so only deny rules stop it. */
    private Verdict cilium(Workload w) {
        LayerModel model = analysis.model();
        LayerModel localhostAllowed = new LayerModel(
                model.tiers(),
                model.rules(),
                model.selections().stream()
                        .filter(s -> !s.tier().equals(CiliumLayerCompiler.DEFAULT_DENY))
                        .toList(),
                model.problems());
        Map<String, String> nsLabels = analysis.cluster()
                .namespace(w.namespace())
                .map(NamespaceFact::labels)
                .orElse(Map.of(NamespaceFact.NAME_LABEL, w.namespace()));
        EndpointAttributes pod = new EndpointAttributes(
                w.namespace(),
                nsLabels,
                w.podLabels(),
                w.serviceAccount(),
                Map.of(),
                w.ports(),
                List.of(),
                w.hostNetwork(),
                "",
                Map.of(),
                false);
        ConnectionSet allowed = ReferenceEvaluator.side(
                localhostAllowed,
                pod,
                Direction.INGRESS,
                new ReferenceEvaluator.InCluster(EndpointAttributes.NODE_HOST),
                w.ports());
        return new Decided(
                allowed,
                "Cilium allows the local host into every pod even under default deny"
                        + " (allow-localhost); only a deny rule matching the host entity stops it");
    }

    private boolean nodesPeers() {
        return analysis.model().rules().stream()
                .flatMap(r -> r.peers().stream())
                .anyMatch(p -> p.endpoints() instanceof EndpointMatch.OnNodes);
    }
}
