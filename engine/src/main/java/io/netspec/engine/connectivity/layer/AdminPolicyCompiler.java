package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.IpRanges;
import io.netspec.engine.connectivity.Ipv4;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ClusterNetworkPolicyFact;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NodeFact;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The network-policy-api's cluster-scoped policies into the {@link Tier#ADMIN} and
 * {@link Tier#BASELINE} tiers: ClusterNetworkPolicy (v1alpha2, tier Admin or Baseline) and
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1), which have the same semantics.
 * Rules are first-match by priority (lower first), then rule order; Pass goes to the next tier;
 * no implicit isolation.
 *
 * <p>Subjects and {@code namespaces}/{@code pods} peers never select host-network pods (API types).
 * {@code networks} match addresses outside the cluster and also pod IPs (and host-network pods'
 * node IPs), as the API says; {@code nodes} match the host-network pods of matching nodes and the
 * nodes' addresses. Equal priorities in one tier are undefined upstream ("the implementation can
 * apply any of the matching policies"): netspec orders them by name and reports an error.
 */
public final class AdminPolicyCompiler implements PolicyCompiler {

    private final Tier admin;
    private final Tier baseline;

    /** In netspec's {@link Tier#ADMIN} and {@link Tier#BASELINE} tiers, around Kubernetes NetworkPolicy's. */
    public AdminPolicyCompiler() {
        this(Tier.ADMIN, Tier.BASELINE);
    }

    /**
     * In the tiers a plugin evaluates them in (Calico's {@code kube-admin} and {@code kube-baseline} tiers, ordered
     * among its own). Only the policies the cluster's plugin enforces ({@link NetworkPlugins#unenforced}) take part.
     */
    public AdminPolicyCompiler(Tier admin, Tier baseline) {
        this.admin = admin;
        this.baseline = baseline;
    }

    @Override
    public void compile(Cluster cluster, LayerModel.Builder out) {
        List<ClusterNetworkPolicyFact> policies = new ArrayList<>();
        for (ClusterNetworkPolicyFact p : cluster.adminPolicies()) {
            Optional<String> why = NetworkPlugins.unenforced(cluster, p);
            if (why.isEmpty()) {
                policies.add(p);
            } else {
                out.warning(
                        p.source(),
                        p.kind() + " " + p.name() + " is not enforced: " + why.get()
                                + "; it is not part of connectivity");
            }
        }
        reportTies(policies, out);
        for (ClusterNetworkPolicyFact policy : policies) {
            Tier tier = policy.baseline() ? baseline : admin;
            EndpointMatch subject = new EndpointMatch.Pods(
                    new EndpointMatch.Labelled(LabelMatcher.of(policy.subject().namespaceSelector())),
                    LabelMatcher.of(policy.subject().podSelector().orElse(Selector.ALL)),
                    false);
            for (Direction direction : Direction.values()) {
                out.select(new Selection(tier, policy, direction, subject));
                List<ClusterNetworkPolicyFact.Rule> rules =
                        direction == Direction.INGRESS ? policy.ingress() : policy.egress();
                for (int i = 0; i < rules.size(); i++) {
                    ClusterNetworkPolicyFact.Rule rule = rules.get(i);
                    out.rule(new LayerRule(
                            tier,
                            new Precedence(policy.priority(), policy.name(), i),
                            policy,
                            direction,
                            i,
                            rule.name(),
                            action(rule.action()),
                            subject,
                            peers(cluster, policy, rule, out),
                            ports(rule),
                            rule.source()));
                }
            }
        }
    }

    /** {@code Allow} (v1alpha1) and {@code Accept} (v1alpha2) allow; the loader reports unknown actions, read as Deny. */
    static Action action(String wire) {
        return switch (wire) {
            case "Allow", "Accept" -> Action.ALLOW;
            case "Pass" -> Action.PASS;
            default -> Action.DENY;
        };
    }

    private static void reportTies(List<ClusterNetworkPolicyFact> policies, LayerModel.Builder out) {
        List<ClusterNetworkPolicyFact> anps = policies.stream()
                .filter(a -> !a.baseline() || a.isClusterNetworkPolicy())
                .sorted(Comparator.comparing(ClusterNetworkPolicyFact::baseline)
                        .thenComparingInt(ClusterNetworkPolicyFact::priority)
                        .thenComparing(ClusterNetworkPolicyFact::name))
                .toList();
        for (int i = 1; i < anps.size(); i++) {
            ClusterNetworkPolicyFact a = anps.get(i - 1);
            ClusterNetworkPolicyFact b = anps.get(i);
            if (a.priority() == b.priority() && a.baseline() == b.baseline()) {
                out.error(
                        b.source(),
                        a.kind() + " " + a.name() + " (" + a.source() + ") and " + b.kind() + " "
                                + b.name() + " both have priority " + a.priority() + " in tier " + a.tier()
                                + ": their order is undefined upstream; netspec evaluates " + a.name()
                                + " first (by name)");
            }
        }
        List<ClusterNetworkPolicyFact> banps = policies.stream()
                .filter(a -> a.baseline() && !a.isClusterNetworkPolicy())
                .toList();
        if (banps.size() > 1) {
            out.error(
                    banps.get(1).source(),
                    "more than one BaselineAdminNetworkPolicy (there can be only one, named " + "default): "
                            + banps.get(1).name() + " and " + banps.get(0).name() + " are evaluated by name");
        }
        banps.stream()
                .filter(b -> !b.name().equals("default"))
                .forEach(b -> out.warning(
                        b.source(),
                        "BaselineAdminNetworkPolicy " + b.name()
                                + " is not named default: the API server accepts only default"));
    }

    private static List<Peer> peers(
            Cluster cluster,
            ClusterNetworkPolicyFact policy,
            ClusterNetworkPolicyFact.Rule rule,
            LayerModel.Builder out) {
        List<Peer> peers = new ArrayList<>();
        for (ClusterNetworkPolicyFact.Peer peer : rule.peers()) {
            if (peer.namespaceSelector().isPresent() || peer.podSelector().isPresent()) {
                Selector ns = peer.namespaceSelector().orElse(Selector.ALL);
                EndpointMatch match = new EndpointMatch.Pods(
                        new EndpointMatch.Labelled(LabelMatcher.of(ns)),
                        LabelMatcher.of(peer.podSelector().orElse(Selector.ALL)),
                        false);
                peers.add(new Peer(
                        match,
                        IpRanges.EMPTY,
                        peer.podSelector().isPresent()
                                ? "pods " + match
                                : match.toString().replaceFirst("^all pods in ", ""),
                        rule.source()));
            } else if (!peer.networks().isEmpty()) {
                IpRanges ranges = IpRanges.EMPTY;
                for (Cidr cidr : peer.networks()) {
                    if (cidr.ipv6()) {
                        out.warning(
                                rule.source(),
                                policy.kind() + " " + policy.name() + ": IPv6 network " + cidr + " is ignored");
                    }
                    ranges = ranges.union(IpRanges.of(cidr));
                }
                String text = peer.networks().stream().map(Cidr::toString).collect(Collectors.joining(", ", "[", "]"));
                peers.add(
                        new Peer(new EndpointMatch.Addresses(ranges, text), ranges, "networks " + text, rule.source()));
            } else if (peer.nodeSelector().isPresent()) {
                Selector nodes = peer.nodeSelector().get();
                IpRanges addresses = IpRanges.EMPTY;
                for (NodeFact node : cluster.nodes()) {
                    if (nodes.matches(node.labels())) {
                        for (String a : node.addresses()) {
                            var parsed = Ipv4.parse(a);
                            if (parsed.isPresent()) {
                                addresses = addresses.union(IpRanges.of(
                                        new Cidr(a + "/32", false, parsed.getAsLong(), parsed.getAsLong())));
                            }
                        }
                    }
                }
                peers.add(new Peer(
                        new EndpointMatch.OnNodes(LabelMatcher.of(nodes)), addresses, "nodes " + nodes, rule.source()));
            }
        }
        return peers;
    }

    private static PortMatch ports(ClusterNetworkPolicyFact.Rule rule) {
        if (rule.ports().isEmpty()) {
            return PortMatch.ALL;
        }
        ConnectionSet numbers = ConnectionSet.none();
        List<PortMatch.NamedPort> named = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (ClusterNetworkPolicyFact.Port p : rule.ports()) {
            if (!p.namedPort().isEmpty()) {
                named.add(new PortMatch.NamedPort(p.namedPort(), Optional.empty()));
                text.add("named port " + p.namedPort());
            } else if (p.port() >= PortRange.MIN && p.port() <= PortRange.MAX) {
                int end = Math.min(PortRange.MAX, Math.max(p.port(), p.endPort()));
                numbers = numbers.union(ConnectionSet.of(p.protocol(), p.port(), end));
                text.add((end > p.port() ? p.port() + "-" + end : String.valueOf(p.port())) + "/"
                        + p.protocol().name().toUpperCase(Locale.ROOT));
            }
        }
        return PortMatch.of(numbers, named, String.join(", ", text));
    }
}
