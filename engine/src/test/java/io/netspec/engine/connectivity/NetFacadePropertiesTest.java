package io.netspec.engine.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;
import io.netspec.engine.rules.DerivedFacts;
import io.netspec.engine.rules.Network;
import io.netspec.engine.rules.facts.Isolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The rules' {@code net} answers against the evaluator's, on random clusters with NetworkPolicies,
 * AdminNetworkPolicies, BaselineAdminNetworkPolicies and ClusterNetworkPolicies of both tiers:
 * pair questions are the evaluator's; "reachable from another namespace" admits every real pod of
 * another namespace that the evaluator admits; a workload the derived facts call not isolated for
 * ingress admits every real pod fully.
 */
class NetFacadePropertiesTest {

    @Property(tries = 300)
    void netAgreesWithTheEvaluator(@ForAll long seed) {
        Cluster cluster = new RandomClusters(seed).next();
        Network net = Network.of(cluster);
        ConnectivityAnalysis analysis = net.analysis();
        Map<String, Map<String, String>> nsLabels = cluster.namespaceLabels();
        List<Isolation> isolation = DerivedFacts.of(cluster, net).stream()
                .filter(f -> f instanceof Isolation)
                .map(Isolation.class::cast)
                .toList();
        List<String> disagreements = new ArrayList<>();
        for (Workload w : cluster.workloads()) {
            boolean notIsolated = isolation.stream()
                    .anyMatch(i -> i.workload() == w && i.direction() == Direction.INGRESS && !i.isolated());
            for (Workload u : cluster.workloads()) {
                if (u == w) {
                    continue;
                }
                ConnectionSet pair = analysis.allowed(u, w);
                for (int port : RandomClusters.PROBE_PORTS) {
                    if (net.canReach(u, w, port, Protocol.TCP) != pair.contains(Protocol.TCP, port)) {
                        disagreements.add("canReach " + u + " -> " + w + " " + port);
                    }
                }
                // u as a representative: its ingress answer must hold the pair's (egress aside)
                EndpointAttributes asPeer = EndpointAttributes.pod(
                        u.namespace(),
                        nsLabels.getOrDefault(u.namespace(), Map.of(NamespaceFact.NAME_LABEL, u.namespace())),
                        u.podLabels(),
                        u.ports().stream().filter(ContainerPort::isNamed).toList());
                ConnectionSet ingress = analysis.ingressFrom(asPeer, w);
                if (u.podIps().isEmpty() && !ingress.containsAll(pair)) {
                    disagreements.add("ingressFrom " + u + " -> " + w + ": " + ingress + " misses " + pair);
                }
                if (notIsolated && u.podIps().isEmpty() && !ingress.isAll()) {
                    disagreements.add(w + " is not isolated for ingress but admits only " + ingress + " from " + u);
                }
                if (!u.namespace().equals(w.namespace()) && u.podIps().isEmpty()) {
                    for (int port : RandomClusters.PROBE_PORTS) {
                        if (ingress.contains(Protocol.TCP, port) && !net.reachableFromOtherNamespaces(w, port)) {
                            disagreements.add(
                                    w + " admits " + u + " on " + port + " but reachableFromOtherNamespaces says no");
                        }
                    }
                }
            }
        }
        assertThat(disagreements).as("seed %d, cluster %s", seed, cluster).isEmpty();
    }
}
