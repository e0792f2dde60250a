package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.IpRanges;
import io.netspec.engine.connectivity.PortRange;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPeer;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;
import io.netspec.engine.model.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1) into {@code tier}: a policy selects its pods for
 * each direction it isolates (a {@link Selection}, so that what no rule allows is denied), and
 * every rule of an isolated direction is an {@link Action#ALLOW} rule. Rules of a direction the
 * policy does not isolate have no effect and are not compiled. ipBlocks match addresses outside
 * the cluster only.
 */
public final class NetworkPolicyCompiler implements PolicyCompiler {

    private final Tier tier;

    /** Into the standard {@link Tier#NETWORK_POLICY} tier. */
    public NetworkPolicyCompiler() {
        this(Tier.NETWORK_POLICY);
    }

    /** Into another tier, e.g. Calico's default tier where Kubernetes NetworkPolicies live. */
    public NetworkPolicyCompiler(Tier tier) {
        this.tier = tier;
    }

    /** Rule order does not matter in an allow-only tier; precedence keeps input order for evidence. */
    @Override
    public void compile(Cluster cluster, LayerModel.Builder out) {
        List<PolicyFact> policies = cluster.policies();
        for (int p = 0; p < policies.size(); p++) {
            PolicyFact policy = policies.get(p);
            EndpointMatch subject = new EndpointMatch.Pods(
                    new EndpointMatch.Named(policy.namespace()), LabelMatcher.of(policy.podSelector()), true);
            for (Direction direction : Direction.values()) {
                if (!policy.isolates(direction)) {
                    continue;
                }
                out.select(new Selection(tier, policy, direction, subject));
                for (PolicyRule rule : policy.rules(direction)) {
                    out.rule(new LayerRule(
                            tier,
                            new Precedence(p, policy.id(), rule.index()),
                            policy,
                            direction,
                            rule.index(),
                            "",
                            Action.ALLOW,
                            subject,
                            peers(policy, rule),
                            ports(rule),
                            rule.source()));
                }
            }
        }
    }

    private static List<Peer> peers(PolicyFact policy, PolicyRule rule) {
        if (rule.allPeers()) {
            return List.of(Peer.any(rule.source()));
        }
        List<Peer> out = new ArrayList<>();
        for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock().isPresent()) {
                out.add(new Peer(
                        EndpointMatch.NOTHING, IpRanges.of(peer.ipBlock().get()), peer.toString(), peer.source()));
                continue;
            }
            LabelMatcher pods = LabelMatcher.of(peer.podSelector().orElse(Selector.ALL));
            EndpointMatch.Namespaces namespaces = peer.namespaceSelector()
                    .<EndpointMatch.Namespaces>map(s -> new EndpointMatch.Labelled(LabelMatcher.of(s)))
                    .orElse(new EndpointMatch.Named(policy.namespace()));
            out.add(new Peer(
                    new EndpointMatch.Pods(namespaces, pods, true),
                    IpRanges.EMPTY,
                    describePeer(peer, policy.namespace()),
                    peer.source()));
        }
        return out;
    }

    /**
     * A peer in words that say whose pods it means: a pod selector alone selects in the policy's
     * own namespace ({@code all pods in namespace app}, {@code pods app=web in namespace app}), an
     * empty namespace selector means every namespace ({@code all namespaces}), and both selectors
     * together select pods in namespaces ({@code pods app=api in namespaces team=backend}).
     */
    public static String describePeer(PolicyPeer peer, String policyNamespace) {
        if (peer.isIpBlock()) {
            return peer.toString();
        }
        Optional<Selector> pods = peer.podSelector();
        Optional<Selector> namespaces = peer.namespaceSelector();
        if (namespaces.isEmpty()) {
            Selector s = pods.orElse(Selector.ALL);
            return (s.isEmpty() ? "all pods" : "pods " + s) + " in namespace " + policyNamespace;
        }
        String ns = namespaces.get().isEmpty() ? "all namespaces" : "namespaces " + namespaces.get();
        if (pods.isEmpty() || pods.get().isEmpty()) {
            return ns;
        }
        return "pods " + pods.get() + " in " + ns;
    }

    /** The rule's peers as one line, {@code all peers} when it has none. */
    public static String describePeers(PolicyFact policy, PolicyRule rule) {
        if (rule.allPeers()) {
            return "all peers";
        }
        return rule.peers().stream()
                .map(p -> describePeer(p, policy.namespace()))
                .collect(Collectors.joining("; ", "[", "]"));
    }

    static PortMatch ports(PolicyRule rule) {
        if (rule.allPorts()) {
            return PortMatch.ALL;
        }
        ConnectionSet numbers = ConnectionSet.none();
        List<PortMatch.NamedPort> named = new ArrayList<>();
        for (PolicyPort p : rule.ports()) {
            if (p.port().isNamed()) {
                named.add(new PortMatch.NamedPort(p.port().name(), Optional.of(p.protocol())));
            } else {
                numbers = numbers.union(fixedPorts(p));
            }
        }
        String text = rule.ports().stream().map(PolicyPort::toString).collect(Collectors.joining(", ", "[", "]"));
        return PortMatch.of(numbers, named, text);
    }

    /** The set one numeric or protocol-only port entry allows; out-of-range numbers allow nothing. */
    static ConnectionSet fixedPorts(PolicyPort p) {
        if (p.port().isAny()) {
            return ConnectionSet.allPorts(p.protocol());
        }
        int from = p.port().number();
        int to = Math.max(from, p.endPort());
        if (from < PortRange.MIN || from > PortRange.MAX) {
            return ConnectionSet.none();
        }
        return ConnectionSet.of(p.protocol(), from, Math.min(to, PortRange.MAX));
    }
}
