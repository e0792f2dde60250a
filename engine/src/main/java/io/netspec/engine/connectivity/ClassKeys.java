package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Attribute;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PodRanges;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.NodeFact;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What splits workloads into classes beyond namespace, pod labels and named ports: the answers of
 * the predicates that read other attributes (pod addresses, node, service account, host network).
 * Workloads with the same answers to every such predicate cannot be told apart by any policy, so
 * a cluster dump with a pod IP per pod still has few classes when few CIDRs are written.
 */
final class ClassKeys {

    /** Leaves that read nothing but the service account and host network (beyond namespace, labels and ports). */
    private final List<EndpointMatch> accountLeaves;
    /** Leaves that read addresses or the node. */
    private final List<EndpointMatch> otherLeaves;

    private final boolean hostNetwork;
    private final boolean readsServiceAccount;
    private final boolean readsAddresses;
    private final boolean readsNode;
    private final Map<String, Map<String, String>> namespaceLabels;
    private final Map<String, NodeFact> nodes = new HashMap<>();
    /** Each Node's pod ranges, by node name (Nodes with an IPv4 {@code spec.podCIDRs} only). */
    private final Map<String, PodRanges> nodePodRanges = new HashMap<>();
    /**
     * Where a pod without an IP on no such Node lies: the ranges the user gave, else the union of every
     * Node's; empty when neither is known.
     */
    private final Optional<PodRanges> clusterPodRanges;
    /**
     * Where a host-network pod's address lies when its Node's addresses are not in the input: the node ranges the
     * user gave ({@code nodeCIDRs:}, {@code --node-cidr}); empty when not given.
     */
    private final Optional<PodRanges> nodeRanges;
    /**
     * The leaves' answers by what they can depend on: a leaf is a function of namespace, labels,
     * named ports and the attributes it {@linkplain EndpointMatch#reads reads}, so workloads equal in
     * those share its answers and it is evaluated once per such group, not once per workload.
     */
    private final Map<Group, String> accountAnswers = new HashMap<>();

    private final Map<Place, String> otherAnswers = new HashMap<>();

    private ClassKeys(List<EndpointMatch> leaves, boolean hostNetwork, Cluster cluster) {
        Set<Attribute> read = EnumSet.noneOf(Attribute.class);
        this.accountLeaves = new ArrayList<>();
        this.otherLeaves = new ArrayList<>();
        boolean onHostNetwork = hostNetwork;
        for (EndpointMatch leaf : leaves) {
            Set<Attribute> reads = leaf.reads();
            read.addAll(reads);
            if (reads.equals(EnumSet.of(Attribute.HOST_NETWORK))) {
                onHostNetwork = true; // decided by the class key plus the host-network flag every key carries
            } else if (ACCOUNT_AND_HOST.containsAll(reads)) {
                accountLeaves.add(leaf);
            } else {
                otherLeaves.add(leaf);
            }
        }
        this.hostNetwork = onHostNetwork;
        this.readsServiceAccount = read.contains(Attribute.SERVICE_ACCOUNT);
        this.readsAddresses = read.contains(Attribute.ADDRESSES);
        this.readsNode = read.contains(Attribute.NODE);
        this.namespaceLabels = cluster.namespaceLabels();
        cluster.nodes().forEach(n -> nodes.putIfAbsent(n.name(), n));
        List<Cidr> everyNode = new ArrayList<>();
        for (NodeFact n : cluster.nodes()) { // in input order, so the union's text is stable
            if (nodes.get(n.name()) == n) {
                podRanges(n.podCidrs()).ifPresent(r -> {
                    nodePodRanges.put(n.name(), r);
                    everyNode.addAll(n.podCidrs());
                });
            }
        }
        Optional<PodRanges> given = podRanges(cluster.podCidrs());
        this.clusterPodRanges = given.isPresent() ? given : podRanges(everyNode);
        this.nodeRanges = podRanges(cluster.nodeCidrs());
    }

    /** The IPv4 part of {@code cidrs}; empty when there is none. */
    private static Optional<PodRanges> podRanges(List<Cidr> cidrs) {
        IpRanges ranges = IpRanges.EMPTY;
        List<String> text = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (!c.ipv6() && !text.contains(c.text())) {
                ranges = ranges.union(IpRanges.of(c));
                text.add(c.text());
            }
        }
        return ranges.isEmpty() ? Optional.empty() : Optional.of(new PodRanges(ranges, String.join(",", text)));
    }

    /**
     * Where the IP of a pod whose IP the input lacks lies: its Node's pod ranges, else the cluster's. A host-network
     * pod has its node's address: its Node's addresses when known (then {@code addresses} holds them), else the
     * configured node ranges. Empty for a pod with addresses.
     */
    private Optional<PodRanges> podRanges(Workload w, List<Long> addresses) {
        if (!addresses.isEmpty()) {
            return Optional.empty();
        }
        if (w.hostNetwork()) {
            return nodeRanges;
        }
        PodRanges onNode = w.nodeName().isEmpty() ? null : nodePodRanges.get(w.nodeName());
        return onNode != null ? Optional.of(onNode) : clusterPodRanges;
    }

    private static final Set<Attribute> ACCOUNT_AND_HOST =
            EnumSet.of(Attribute.SERVICE_ACCOUNT, Attribute.HOST_NETWORK);

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

    private static void walk(
            EndpointMatch m, Set<EndpointMatch> seen, List<EndpointMatch> leaves, boolean[] hostNetwork) {
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

    /**
     * The part of the class key beyond namespace, labels and named ports ({@code base}: the key of
     * those); empty when nothing else is read. Two workloads get the same part exactly when every
     * leaf answers them alike.
     */
    String extra(Workload w, WorkloadClass.Key base) {
        if (accountLeaves.isEmpty() && otherLeaves.isEmpty() && !hostNetwork) {
            return "";
        }
        StringBuilder sb = new StringBuilder(accountLeaves.size() * 2 + otherLeaves.size() * 2 + 1);
        sb.append(w.hostNetwork() ? 'h' : '-');
        if (accountLeaves.isEmpty() && otherLeaves.isEmpty()) {
            return sb.toString();
        }
        EndpointAttributes[] made = {null};
        Group group = new Group(base, w.hostNetwork(), readsServiceAccount ? w.serviceAccount() : "");
        if (!accountLeaves.isEmpty()) {
            sb.append(accountAnswers.computeIfAbsent(group, k -> answer(accountLeaves, made, w)));
        }
        if (!otherLeaves.isEmpty()) {
            List<Long> addresses = readsAddresses ? addresses(w) : List.of();
            Place where = new Place(
                    group,
                    addresses,
                    readsNode ? w.nodeName() : "",
                    readsAddresses ? podRanges(w, addresses) : Optional.empty());
            sb.append(otherAnswers.computeIfAbsent(where, k -> answer(otherLeaves, made, w)));
        }
        return sb.toString();
    }

    /** What the account leaves can depend on: the base key, host network and (when read) the service account. */
    private record Group(WorkloadClass.Key base, boolean hostNetwork, String serviceAccount) {}

    /**
     * What the other leaves can depend on: the group, and (when read) the addresses, node and pod ranges
     * (workloads without IPs on nodes with the same ranges share them).
     */
    private record Place(Group group, List<Long> addresses, String node, Optional<PodRanges> podRanges) {}

    private String answer(List<EndpointMatch> leaves, EndpointAttributes[] made, Workload w) {
        if (made[0] == null) {
            made[0] = attributes(w);
        }
        EndpointAttributes a = made[0];
        StringBuilder sb = new StringBuilder(leaves.size() * 2);
        for (EndpointMatch leaf : leaves) {
            sb.append(leaf.test(a) ? '1' : '0').append(leaf.decidable(a) ? 'd' : 'u');
        }
        return sb.toString();
    }

    /** The addresses predicates see: the pod's IPs, or its node's for a host-network pod. */
    private List<Long> addresses(Workload w) {
        NodeFact node = w.nodeName().isEmpty() ? null : nodes.get(w.nodeName());
        List<Long> addresses = new ArrayList<>();
        List<String> written = w.hostNetwork() && node != null ? node.addresses() : w.podIps();
        for (String ip : written) {
            OptionalLong parsed = Ipv4.parse(ip);
            parsed.ifPresent(addresses::add);
        }
        return addresses;
    }

    EndpointAttributes attributes(Workload w) {
        NodeFact node = w.nodeName().isEmpty() ? null : nodes.get(w.nodeName());
        List<Long> addresses = addresses(w);
        Map<String, String> nsLabels =
                namespaceLabels.getOrDefault(w.namespace(), Map.of(NamespaceFact.NAME_LABEL, w.namespace()));
        return new EndpointAttributes(
                w.namespace(),
                nsLabels,
                w.podLabels(),
                w.serviceAccount(),
                Map.of(),
                w.ports().stream().filter(p -> p.isNamed()).toList(),
                addresses,
                w.hostNetwork(),
                w.nodeName(),
                node == null ? Map.of() : node.labels(),
                node != null,
                podRanges(w, addresses));
    }
}
