package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.NamespaceFact;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.Workload;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Flow verdicts under Cilium for one cluster: a connection is allowed when the source's egress side and the
 * destination's ingress side both allow it. One side, as Cilium's policy map decides it
 * ({@code pkg/policy/repository.go} {@code computePolicyEnforcementAndRules}, {@code mapstate.go} lookup):
 * no entry selects the pod in that direction: allowed; a matching deny entry: denied (deny wins over any
 * allow, whatever kind it came from); a matching allow: allowed; otherwise denied when some selecting entry
 * enables default deny, else allowed.
 */
public final class CiliumFlows {

    /** One end of a flow: a workload's pod, or an IPv4 address outside the cluster. */
    public sealed interface Peer {
    }

    public record Pod(Workload workload) implements Peer {
    }

    public record Address(long ip) implements Peer {
    }

    public enum Outcome { NO_POLICY, ALLOWED, DENIED_BY_RULE, DEFAULT_DENY }

    /**
     * One side's verdict with its evidence.
     *
     * @param rules     the entries that decided it (the denies, or the allows), empty for defaults
     * @param undecided parts manifests cannot decide that could change the verdict (L7, FQDN, entities)
     */
    public record Side(Direction direction, Outcome outcome, List<CiliumEntry> rules, List<String> undecided) {
        public boolean allowed() {
            return outcome == Outcome.NO_POLICY || outcome == Outcome.ALLOWED;
        }
    }

    /** Both sides. */
    public record Verdict(Side egress, Side ingress) {
        public boolean allowed() {
            return egress.allowed() && ingress.allowed();
        }

        public List<String> undecided() {
            List<String> out = new ArrayList<>(egress.undecided());
            out.addAll(ingress.undecided());
            return out;
        }
    }

    private final Cluster cluster;
    private final List<CiliumEntry> entries;
    private final Map<Workload, Map<String, String>> identities = new IdentityHashMap<>();

    private CiliumFlows(Cluster cluster) {
        this.cluster = cluster;
        this.entries = CiliumCompiler.compile(cluster);
    }

    public static CiliumFlows of(Cluster cluster) {
        return new CiliumFlows(cluster);
    }

    public List<CiliumEntry> entries() {
        return entries;
    }

    public Verdict verdict(Peer source, Peer destination, int port, Protocol protocol) {
        Side egress = source instanceof Pod p ? side(p.workload(), Direction.EGRESS, destination, port, protocol)
                : new Side(Direction.EGRESS, Outcome.NO_POLICY, List.of(), List.of());
        Side ingress = destination instanceof Pod p ? side(p.workload(), Direction.INGRESS, source, port, protocol)
                : new Side(Direction.INGRESS, Outcome.NO_POLICY, List.of(), List.of());
        return new Verdict(egress, ingress);
    }

    public boolean allowed(Peer source, Peer destination, int port, Protocol protocol) {
        return verdict(source, destination, port, protocol).allowed();
    }

    Map<String, String> identity(Workload w) {
        return identities.computeIfAbsent(w, k -> CiliumIdentity.of(k, cluster.namespace(k.namespace())
                .map(NamespaceFact::labels).orElse(Map.of(NamespaceFact.NAME_LABEL, k.namespace())),
                ServiceAccounts.of(k)));
    }

    private Side side(Workload subject, Direction d, Peer peer, int port, Protocol protocol) {
        Map<String, String> id = identity(subject);
        List<CiliumEntry> selecting = entries.stream()
                .filter(e -> e.direction() == d && e.subject().matchesPod(id)).toList();
        if (selecting.isEmpty()) {
            return new Side(d, Outcome.NO_POLICY, List.of(), List.of());
        }
        // the workload whose named ports resolve a port name: the destination of the flow
        Optional<Workload> portOwner = d == Direction.INGRESS ? Optional.of(subject)
                : peer instanceof Pod p ? Optional.of(p.workload()) : Optional.empty();
        List<CiliumEntry> denies = new ArrayList<>();
        List<CiliumEntry> allows = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        boolean allowWithoutL7 = false;
        List<String> l7 = new ArrayList<>();
        for (CiliumEntry e : selecting) {
            Optional<CiliumEntry.Port> portMatch = matchPort(e, portOwner, port, protocol);
            if (portMatch.isEmpty()) {
                continue;
            }
            boolean peerMatch = false;
            for (CiliumEntry.Peer p : e.peers()) {
                if (p instanceof CiliumEntry.Undecided u) {
                    undecided.add(e.origin() + ": " + u.what() + " is not decided from manifests");
                } else if (matchPeer(p, peer)) {
                    peerMatch = true;
                }
            }
            if (!peerMatch) {
                continue;
            }
            if (e.deny()) {
                denies.add(e);
            } else {
                allows.add(e);
                if (portMatch.get().l7().isPresent()) {
                    l7.add(e.origin() + ": its " + portMatch.get().l7().get()
                            + " rules decide at L7, which is not decided statically");
                } else {
                    allowWithoutL7 = true;
                }
            }
        }
        if (!denies.isEmpty()) {
            return new Side(d, Outcome.DENIED_BY_RULE, denies, List.of());
        }
        if (!allows.isEmpty()) {
            if (!allowWithoutL7) {
                undecided.addAll(l7);
            }
            return new Side(d, Outcome.ALLOWED, allows, undecided);
        }
        boolean defaultDeny = selecting.stream().anyMatch(CiliumEntry::defaultDeny);
        if (defaultDeny) {
            return new Side(d, Outcome.DEFAULT_DENY, selecting.stream().filter(CiliumEntry::defaultDeny).toList(),
                    undecided);
        }
        return new Side(d, Outcome.ALLOWED, List.of(), undecided);
    }

    private boolean matchPeer(CiliumEntry.Peer p, Peer peer) {
        if (p instanceof CiliumEntry.Everything) {
            return true;
        }
        if (p instanceof CiliumEntry.World) {
            return peer instanceof Address;
        }
        if (p instanceof CiliumEntry.Addresses a) {
            return peer instanceof Address addr && a.block().cidr().containsAddress(addr.ip())
                    && a.block().except().stream().noneMatch(x -> x.containsAddress(addr.ip()));
        }
        if (p instanceof CiliumEntry.Pods pods) {
            return peer instanceof Pod pod && pods.selector().matchesPod(identity(pod.workload()));
        }
        return false; // Undecided
    }

    /** The first port entry of {@code e} that matches; an entry without ports matches every port. */
    private static Optional<CiliumEntry.Port> matchPort(CiliumEntry e, Optional<Workload> portOwner, int port,
                                                       Protocol protocol) {
        if (e.ports().isEmpty()) {
            return Optional.of(new CiliumEntry.Port(java.util.EnumSet.allOf(Protocol.class),
                    io.netspec.engine.model.PortRef.ANY, 0, Optional.empty()));
        }
        CiliumEntry.Port l7Match = null;
        for (CiliumEntry.Port p : e.ports()) {
            if (!p.protocols().contains(protocol)) {
                continue;
            }
            boolean match;
            if (p.port().isAny()) {
                match = true;
            } else if (p.port().isNamed()) {
                match = portOwner.isPresent() && portOwner.get().ports().stream().anyMatch(c -> c.isNamed()
                        && c.name().equalsIgnoreCase(p.port().name()) && c.protocol() == protocol && c.port() == port);
            } else {
                int end = p.endPort() > p.port().number() ? p.endPort() : p.port().number();
                match = port >= p.port().number() && port <= end;
            }
            if (match) {
                if (p.l7().isEmpty()) {
                    return Optional.of(p);
                }
                l7Match = l7Match == null ? p : l7Match;
            }
        }
        return Optional.ofNullable(l7Match);
    }

    /** Unused: kept for named-port lookups by callers that need the container port. */
    static Optional<ContainerPort> named(Workload w, String name, Protocol protocol) {
        return w.ports().stream().filter(c -> c.name().equalsIgnoreCase(name) && c.protocol() == protocol).findFirst();
    }
}
