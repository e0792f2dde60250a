package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.connectivity.IpRanges;
import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.Attribute;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.LayerModel;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PolicyCompiler;
import io.netspec.engine.connectivity.layer.PortMatch;
import io.netspec.engine.connectivity.layer.Precedence;
import io.netspec.engine.connectivity.layer.Selection;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Protocol;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Cilium into the layer model. CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and Kubernetes
 * NetworkPolicy (as Cilium reads it) share Cilium's one "Normal" tier ({@link #CILIUM}): deny rules come
 * first (deny wins over any allow), then allow rules; an allow whose port carries L7 rules comes after the
 * plain allows, because Cilium lets a plain L4 allow override the L7 restriction of the same flow.
 *
 * <p>Default deny is not that tier's end: in the pinned Cilium it is an entry of its own last tier
 * (types.DefaultPolicy, after the Baseline tier of ClusterNetworkPolicy; repository.go
 * computePolicyEnforcementAndRules). So the rules live in {@link #CILIUM} (end NONE) and the selections of
 * default-deny rules in {@link #DEFAULT_DENY} (end DENY) after {@link Tier#BASELINE}. A subject only selected
 * by rules with {@code enableDefaultDeny: false} falls through: allowed unless denied.
 */
public final class CiliumLayerCompiler implements PolicyCompiler {

    /** Cilium's Normal tier: CNP, CCNP and NetworkPolicy rules. */
    public static final Tier CILIUM = new Tier("Cilium", 500, TierEnd.NONE);
    /** Cilium's default-deny entry: after ClusterNetworkPolicy's Baseline tier. */
    public static final Tier DEFAULT_DENY = new Tier("Cilium default deny", 950, TierEnd.DENY);

    /** The host entity: only {@link EndpointAttributes#NODE_HOST} (a spec's {@code the host}). */
    static final EndpointMatch HOST =
            new EndpointMatch.Where("the host", EnumSet.noneOf(Attribute.class), EndpointAttributes::isNodeHost);

    private static final int DENY = 0;
    private static final int ALLOW = 1;
    private static final int ALLOW_L7 = 2;

    private final Function<CiliumSelector, EndpointMatch> matcher;

    public CiliumLayerCompiler() {
        this(true);
    }

    /** {@code indexed} false: selectors as plain predicates ({@link #plainMatch}), the reference for tests. */
    CiliumLayerCompiler(boolean indexed) {
        this.matcher = indexed ? CiliumLayerCompiler::match : CiliumLayerCompiler::plainMatch;
    }

    @Override
    public void compile(Cluster cluster, LayerModel.Builder out) {
        Map<CiliumSelector, EndpointMatch> matches = new HashMap<>();
        Set<String> selected = new HashSet<>();
        int index = 0;
        for (CiliumEntry e : CiliumCompiler.compile(cluster)) {
            EndpointMatch subject = matches.computeIfAbsent(e.subject(), matcher);
            if (e.defaultDeny()
                    && selected.add(e.origin().policy().policyId() + "|" + e.direction() + "|" + e.subject())) {
                out.select(new Selection(DEFAULT_DENY, e.origin().policy(), e.direction(), subject));
            }
            if (e.peers().isEmpty()) {
                continue; // selects no peer ([], ingress: [{}], a deny-all NetworkPolicy): only its selection counts
            }
            List<Peer> peers = new ArrayList<>();
            for (CiliumEntry.Peer p : e.peers()) {
                peers.add(peer(p, e, matches, out));
            }
            // ports with L7 rules and ports without become separate rules, so evidence can tell them apart
            Map<Optional<String>, List<CiliumEntry.Port>> byL7 = new LinkedHashMap<>();
            if (e.ports().isEmpty()) {
                byL7.put(Optional.empty(), List.of());
            }
            for (CiliumEntry.Port port : e.ports()) {
                byL7.computeIfAbsent(e.deny() ? Optional.empty() : port.l7(), k -> new ArrayList<>())
                        .add(port);
            }
            for (Map.Entry<Optional<String>, List<CiliumEntry.Port>> group : byL7.entrySet()) {
                int order = e.deny() ? DENY : group.getKey().isPresent() ? ALLOW_L7 : ALLOW;
                String name = e.origin().rule()
                        + group.getKey()
                                .map(l7 -> ", " + l7 + " rules: L7 not decided" + " statically")
                                .orElse("");
                PortMatch ports = e.ports().isEmpty() ? PortMatch.ALL : ports(group.getValue());
                out.rule(new LayerRule(
                        CILIUM,
                        new Precedence(order, e.origin().policy().policyId(), index++),
                        e.origin().policy(),
                        e.direction(),
                        e.origin().index(),
                        name,
                        e.deny() ? Action.DENY : Action.ALLOW,
                        subject,
                        peers,
                        ports,
                        e.origin().source(),
                        group.getKey()));
            }
        }
    }

    /**
     * A Cilium selector as a predicate over the endpoint's identity labels, with its {@link SelectorScope} as
     * the necessary condition the analysis indexes by.
     */
    static EndpointMatch match(CiliumSelector s) {
        return new EndpointMatch.Where("endpoints " + s, reads(s), new Selects(s), SelectorScope.of(s));
    }

    /** {@link #match} without the index: every class is a candidate, and the identity is copied per test. */
    static EndpointMatch plainMatch(CiliumSelector s) {
        return new EndpointMatch.Where("endpoints " + s, reads(s), new SelectsPlainly(s));
    }

    /**
     * The pods a selector matches, by their identity labels. A record: the selector is all the answer depends on
     * besides the endpoint, so the same selector compiled from two versions of the manifests gives equal matches
     * (a diff compares rules by them).
     */
    record Selects(CiliumSelector selector) implements Predicate<EndpointAttributes> {
        @Override
        public boolean test(EndpointAttributes a) {
            return !a.isNodeHost() && selector.matchesPod(new IdentityLabels(a));
        }
    }

    /** {@link Selects} on a copy of the identity labels: the reference the view is tested against. */
    record SelectsPlainly(CiliumSelector selector) implements Predicate<EndpointAttributes> {
        @Override
        public boolean test(EndpointAttributes a) {
            return !a.isNodeHost() && selector.matchesPod(IdentityLabels.materialise(a));
        }
    }

    private static Set<Attribute> reads(CiliumSelector s) {
        return s.hasKey(CiliumIdentity.SERVICE_ACCOUNT)
                ? EnumSet.of(Attribute.SERVICE_ACCOUNT)
                : EnumSet.noneOf(Attribute.class);
    }

    private Peer peer(
            CiliumEntry.Peer p, CiliumEntry e, Map<CiliumSelector, EndpointMatch> matches, LayerModel.Builder out) {
        if (p instanceof CiliumEntry.Everything) {
            return new Peer(
                    EndpointMatch.ALL,
                    IpRanges.ALL,
                    "all (every endpoint and address)",
                    e.origin().source());
        }
        if (p instanceof CiliumEntry.World) {
            return new Peer(
                    EndpointMatch.NOTHING,
                    IpRanges.ALL,
                    "world (outside the cluster)",
                    e.origin().source());
        }
        if (p instanceof CiliumEntry.Host) {
            return new Peer(
                    HOST,
                    IpRanges.EMPTY,
                    "host (the node of the endpoint)",
                    e.origin().source());
        }
        if (p instanceof CiliumEntry.Addresses a) {
            return new Peer(
                    EndpointMatch.NOTHING,
                    IpRanges.of(a.block()),
                    "CIDR " + a.block(),
                    e.origin().source());
        }
        if (p instanceof CiliumEntry.ApiServer a) {
            return new Peer(
                    EndpointMatch.NOTHING,
                    IpRanges.of(a.address()),
                    "kube-apiserver " + a.address().text() + " (" + a.from() + ")",
                    e.origin().source());
        }
        if (p instanceof CiliumEntry.Pods pods) {
            EndpointMatch m = matches.computeIfAbsent(pods.selector(), matcher);
            return new Peer(m, IpRanges.EMPTY, m.toString(), e.origin().source());
        }
        CiliumEntry.Undecided u = (CiliumEntry.Undecided) p;
        out.warning(
                e.origin().source(),
                e.origin() + ": " + u.what() + " is not decided from manifests; netspec"
                        + " counts it as matching no peer");
        return new Peer(
                EndpointMatch.NOTHING,
                IpRanges.EMPTY,
                u.what() + " (not decided from manifests)",
                e.origin().source());
    }

    private static PortMatch ports(List<CiliumEntry.Port> ports) {
        ConnectionSet numbers = ConnectionSet.none();
        List<PortMatch.NamedPort> named = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (CiliumEntry.Port p : ports) {
            for (Protocol protocol : p.protocols()) {
                if (p.port().isAny()) {
                    numbers = numbers.union(ConnectionSet.allPorts(protocol));
                } else if (p.port().isNamed()) {
                    named.add(new PortMatch.NamedPort(p.port().name(), Optional.of(protocol)));
                } else {
                    int end = p.endPort() > p.port().number()
                            ? p.endPort()
                            : p.port().number();
                    numbers = numbers.union(ConnectionSet.of(protocol, p.port().number(), end));
                }
            }
            text.add((p.port().isAny()
                            ? "all ports"
                            : p.endPort() > p.port().number()
                                    ? p.port().number() + "-" + p.endPort()
                                    : p.port().toString())
                    + "/"
                    + (p.protocols().size() == 3
                            ? "ANY"
                            : p.protocols().isEmpty()
                                    ? "none"
                                    : String.join(
                                            "+",
                                            p.protocols().stream()
                                                    .map(Enum::name)
                                                    .sorted()
                                                    .toList())));
        }
        return PortMatch.of(numbers, named, String.join(", ", text));
    }
}
