package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.NodeFact;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.HashMap;

/**
 * What splits workloads into classes beyond namespace, pod labels and named ports: the answers of
 * the predicates that read other attributes (pod addresses, node, service account, host network).
 * Workloads with the same answers to every such predicate cannot be told apart by any policy, so
 * a cluster dump with a pod IP per pod still has few classes when few CIDRs are written.
 */
final class ClassKeys {

    private final List<EndpointMatch> leaves;
    private final boolean hostNetwork;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final Map<String, NodeFact> nodes = new HashMap<>();

    private ClassKeys(List<EndpointMatch> leaves, boolean hostNetwork, Cluster cluster) {
        this.leaves = leaves;
        this.hostNetwork = hostNetwork;
        this.namespaceLabels = cluster.namespaceLabels();
        cluster.nodes().forEach(n -> nodes.putIfAbsent(n.name(), n));
    }

    static ClassKeys of(LayerModel model, Cluster cluster) {
        Set<EndpointMatch> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<EndpointMatch> leaves = new ArrayList<>();
        boolean[] hostNetwork = {false};
        for (LayerRule r : model.rules()) {
            walk(r.subject(), seen, leaves, hostNetwork);
            for (Peer p : r.peers()) {
                walk(p.endpoints(), seen, leaves, hostNetwork);
            }
        }
        for (Selection s : model.selections()) {
            walk(s.subject(), seen, leaves, hostNetwork);
        }
        return new ClassKeys(leaves, hostNetwork[0], cluster);
    }

    private static void walk(EndpointMatch m, Set<EndpointMatch> seen, List<EndpointMatch> leaves, boolean[] hostNetwork) {
        if (!seen.add(m)) {
            return;
        }
        if (m instanceof EndpointMatch.AnyOf any) {
            any.matches().forEach(x -> walk(x, seen, leaves, hostNetwork));
        } else if (m instanceof EndpointMatch.AllOf all) {
            all.matches().forEach(x -> walk(x, seen, leaves, hostNetwork));
        } else if (m instanceof EndpointMatch.Not not) {
            walk(not.match(), seen, leaves, hostNetwork);
        } else if (m instanceof EndpointMatch.Pods p) {
            hostNetwork[0] |= !p.hostNetworkPods();
        } else if (!m.reads().isEmpty()) {
            leaves.add(m);
        }
    }

    /** The part of the class key beyond namespace, labels and named ports; empty when nothing else is read. */
    String extra(Workload w) {
        if (leaves.isEmpty() && !hostNetwork) {
            return "";
        }
        EndpointAttributes a = attributes(w);
        StringBuilder sb = new StringBuilder(leaves.size() * 2 + 1);
        sb.append(a.hostNetwork() ? 'h' : '-');
        for (EndpointMatch leaf : leaves) {
            sb.append(leaf.test(a) ? '1' : '0').append(leaf.decidable(a) ? 'd' : 'u');
        }
        return sb.toString();
    }

    EndpointAttributes attributes(Workload w) {
        NodeFact node = w.nodeName().isEmpty() ? null : nodes.get(w.nodeName());
        List<Long> addresses = new ArrayList<>();
        List<String> written = w.hostNetwork() && node != null ? node.addresses() : w.podIps();
        for (String ip : written) {
            OptionalLong parsed = Ipv4.parse(ip);
            parsed.ifPresent(addresses::add);
        }
        Map<String, String> nsLabels = namespaceLabels.getOrDefault(w.namespace(),
                Map.of(NamespaceFact.NAME_LABEL, w.namespace()));
        return new EndpointAttributes(w.namespace(), nsLabels, w.podLabels(), w.serviceAccount(), Map.of(),
                w.ports().stream().filter(p -> p.isNamed()).toList(), addresses, w.hostNetwork(), w.nodeName(),
                node == null ? Map.of() : node.labels(), node != null);
    }
}
