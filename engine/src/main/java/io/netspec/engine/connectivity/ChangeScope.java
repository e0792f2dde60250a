package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.EndpointMatch;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.connectivity.layer.PortMatch;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.model.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoints whose reach lines a change can alter, found by comparing two analyses class by class:
 * {@link #rows()}, the workloads whose lines as a source may differ, and {@link #columns()}, those whose
 * lines as a destination may differ. Every other pair is provably the same on both sides, so a diff
 * need compare only these rows and columns ({@link ReachDiff#of}).
 *
 * <p>Why that holds: what a source class may send to a destination class is a function of the source's
 * egress side, the destination's ingress side, and the attributes the peers of those sides read (the
 * namespace and its labels, pod labels, named ports, service account, addresses, node). A side is
 * compared by what its fold reads ({@link SideProfile}): per tier its end and whether it selects the
 * class, and per rule, in evaluation order, its action, peer matches, address ranges, ports and L7
 * marker. Calico and Cilium selectors compile to predicates that are values (what the selector is, its
 * namespace, the ServiceAccount labels it reads: {@link EndpointMatch.Where}), so an unchanged CNI rule compares
 * equal; where this comparison cannot tell (a predicate that is a lambda, equal only to itself) the side counts
 * as changed: the scope is then larger, never wrong. Addresses outside
 * the cluster are decided by one side alone (egress of a workload source, ingress of a workload
 * destination), so they follow the rows and columns too, whatever pieces each side cuts the address
 * space into. The ingress controller's row is always compared (Ingress, Route and Service objects
 * decide it).
 *
 * <p>A namespace label change puts that namespace's workloads in scope; a policy that selects most
 * of the cluster puts most of it in scope, and the diff then takes the full path.
 */
final class ChangeScope {

    private final Set<String> rows;
    private final Set<String> columns;

    private ChangeScope(Set<String> rows, Set<String> columns) {
        this.rows = Set.copyOf(rows);
        this.columns = Set.copyOf(columns);
    }

    /** Ids of the workloads whose every line as a source is compared. */
    Set<String> rows() {
        return rows;
    }

    /** Ids of the workloads whose every line as a destination is compared. */
    Set<String> columns() {
        return columns;
    }

    /**
     * The scope of the change from {@code older} to {@code newer}, or empty when it cannot be bounded:
     * the plugins differ, a workload id appears twice on one side, or the scope holds more than
     * {@code maxShare} of the workloads (then comparing everything costs less).
     */
    static Optional<ChangeScope> of(ConnectivityAnalysis older, ConnectivityAnalysis newer, double maxShare) {
        if (older.cluster().plugin() != newer.cluster().plugin()) {
            return Optional.empty();
        }
        Map<String, Workload> before = byId(older.cluster().workloads());
        Map<String, Workload> after = byId(newer.cluster().workloads());
        if (before == null || after == null) {
            return Optional.empty();
        }
        Set<String> rows = new HashSet<>();
        Set<String> columns = new HashSet<>();
        SideKeys sides = new SideKeys();
        // per pair of classes (old index, new index): 1 row changed, 2 column changed
        Map<Long, Integer> verdicts = new HashMap<>();
        for (Map.Entry<String, Workload> e : before.entrySet()) {
            Workload b = after.get(e.getKey());
            if (b == null) {
                rows.add(e.getKey());
                columns.add(e.getKey());
                continue;
            }
            WorkloadClass oc = older.classOf(e.getValue());
            WorkloadClass nc = newer.classOf(b);
            int verdict = verdicts.computeIfAbsent(((long) oc.index << 32) | nc.index, k -> verdict(oc, nc, sides));
            if ((verdict & 1) != 0) {
                rows.add(e.getKey());
            }
            if ((verdict & 2) != 0) {
                columns.add(e.getKey());
            }
        }
        for (String id : after.keySet()) {
            if (!before.containsKey(id)) {
                rows.add(id);
                columns.add(id);
            }
        }
        int total = Math.max(1, Math.max(before.size(), after.size()));
        if (rows.size() + columns.size() > maxShare * 2 * total) {
            return Optional.empty();
        }
        return Optional.of(new ChangeScope(rows, columns));
    }

    private static int verdict(WorkloadClass oc, WorkloadClass nc, SideKeys sides) {
        if (!oc.key.equals(nc.key)
                || !oc.key.namedPorts().equals(nc.key.namedPorts())
                || !oc.attributes.equals(nc.attributes)) {
            return 3;
        }
        int out = 0;
        if (!sides.same(oc.egress, nc.egress)) {
            out |= 1;
        }
        if (!sides.same(oc.ingress, nc.ingress)) {
            out |= 2;
        }
        return out;
    }

    /** Workloads by id, or null when an id appears twice (reach lines could not be matched by id). */
    private static Map<String, Workload> byId(List<Workload> workloads) {
        Map<String, Workload> out = new HashMap<>(workloads.size() * 2);
        for (Workload w : workloads) {
            if (out.putIfAbsent(w.id(), w) != null) {
                return null;
            }
        }
        return out;
    }

    /**
     * What a side's fold reads, as a value: equal keys give equal answers for equal peers. Classes share
     * profiles, so keys are made once per profile and compared once per pair of profiles.
     */
    private static final class SideKeys {
        private final Map<SideProfile, List<TierKey>> keys = new IdentityHashMap<>();
        private final Map<SideProfile, Map<SideProfile, Boolean>> compared = new IdentityHashMap<>();
        private static final List<TierKey> OPEN = List.of();

        boolean same(SideProfile older, SideProfile newer) {
            if (older == null || newer == null) {
                return older == newer;
            }
            return compared.computeIfAbsent(older, k -> new IdentityHashMap<>())
                    .computeIfAbsent(newer, k -> of(older).equals(of(newer)));
        }

        List<TierKey> of(SideProfile side) {
            if (side == null) {
                return OPEN;
            }
            return keys.computeIfAbsent(side, s -> {
                List<TierKey> out = new ArrayList<>(s.tiers.length);
                for (int t = 0; t < s.tiers.length; t++) {
                    List<RuleKey> rules = new ArrayList<>(s.rules[t].length);
                    for (ClassRule r : s.rules[t]) {
                        rules.add(new RuleKey(
                                r.action,
                                r.rule.peers().stream().map(Peer::endpoints).toList(),
                                r.addresses,
                                r.rule.ports(),
                                r.rule.l7()));
                    }
                    out.add(new TierKey(s.tiers[t], s.selected[t], rules));
                }
                return out;
            });
        }
    }

    /** A tier of a side: its end applies when it selects the class ({@link SideProfile#denies}). */
    private record TierKey(Tier tier, boolean selected, List<RuleKey> rules) {}

    /** A rule as the fold reads it: not where it is written, nor which policy it comes from. */
    private record RuleKey(
            Action action, List<EndpointMatch> peers, IpRanges addresses, PortMatch ports, Optional<String> l7) {}
}
