package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Tier;
import io.netspec.engine.connectivity.layer.TierEnd;
import io.netspec.engine.model.PolicyObject;
import java.util.List;
import java.util.function.Predicate;

/**
 * One side (ingress or egress) of the workload classes that the same rules and selections apply
 * to: per tier in evaluation order, the rules in precedence order and whether the tier selects the
 * classes. Classes with the same rules and selections share one profile.
 *
 * <p>{@link #allowed} is the fold of {@link io.netspec.engine.connectivity.layer.LayerModel}: an
 * undecided set of connections goes through the tiers; each matching rule takes what it covers
 * out of it (allow, deny, or pass to the next tier); a selecting tier ending in deny drops the
 * rest. A tier of allow rules only (NetworkPolicy) is the union of their ports, in one pass.
 */
final class SideProfile {

    final Tier[] tiers;
    final ClassRule[][] rules;
    final boolean[] selected;
    private final boolean[] allowOnly;
    /** The policies whose selections select the classes, in selection order. */
    final List<PolicyObject> selecting;
    /** The same per tier (aligned with {@link #tiers}): whose selection makes that tier's end apply, for evidence. */
    final List<List<PolicyObject>> selectingByTier;

    SideProfile(
            Tier[] tiers,
            ClassRule[][] rules,
            boolean[] selected,
            List<PolicyObject> selecting,
            List<List<PolicyObject>> selectingByTier) {
        this.tiers = tiers;
        this.rules = rules;
        this.selected = selected;
        this.selecting = List.copyOf(selecting);
        this.selectingByTier = selectingByTier.stream().map(List::copyOf).toList();
        this.allowOnly = new boolean[tiers.length];
        for (int t = 0; t < tiers.length; t++) {
            boolean only = true;
            for (ClassRule r : rules[t]) {
                only &= r.action == Action.ALLOW || r.action == Action.LOG;
            }
            allowOnly[t] = only;
        }
    }

    /** True when a tier whose end action is deny selects the classes (Kubernetes NetworkPolicy isolation). */
    boolean isolated() {
        for (int t = 0; t < tiers.length; t++) {
            if (selected[t] && tiers[t].end() == TierEnd.DENY) {
                return true;
            }
        }
        return false;
    }

    boolean denies(int t) {
        return selected[t] && tiers[t].end() == TierEnd.DENY;
    }

    /** Whether a rule's peers match the other end of the connection. */
    interface PeerTest {
        boolean matches(ClassRule rule);
    }

    /**
     * What this side allows with a peer: class {@code peerClass} when {@code >= 0}, else the
     * addresses {@code first..last} (all inside or all outside every rule's ranges); named ports
     * resolve on {@code destination} (null for addresses).
     */
    ConnectionSet allowed(int peerClass, long first, long last, WorkloadClass destination) {
        // no lambda here: rows call this per cell, and the launcher's C1 allocates every capturing lambda
        return fold(null, peerClass, first, last, destination);
    }

    /** What this side allows with a made-up endpoint (a representative pod), its peers matched on its attributes. */
    ConnectionSet allowed(EndpointAttributes peer, WorkloadClass destination) {
        return fold(r -> r.matchesEndpoint(peer), -1, 0, 0, destination);
    }

    /**
     * What this side allows with a made-up endpoint that exactly the rules {@code matches} accepts
     * match (an endpoint known to be told apart by no other rule: one answer for many).
     */
    ConnectionSet allowedMatching(Predicate<LayerRule> matches, WorkloadClass destination) {
        return fold(r -> matches.test(r.rule), -1, 0, 0, destination);
    }

    /** Whether {@code r} matches the peer: {@code peer}'s test, or without one the class or addresses given. */
    private static boolean matches(ClassRule r, PeerTest peer, int peerClass, long first, long last) {
        return peer != null ? peer.matches(r) : r.matches(peerClass, first, last);
    }

    private ConnectionSet fold(PeerTest peer, int peerClass, long first, long last, WorkloadClass destination) {
        ConnectionSet undecided = ConnectionSet.all();
        ConnectionSet allowed = ConnectionSet.none();
        for (int t = 0; t < tiers.length; t++) {
            if (allowOnly[t]) {
                ConnectionSet union = ConnectionSet.none();
                for (ClassRule r : rules[t]) {
                    if (r.action == Action.ALLOW && matches(r, peer, peerClass, first, last)) {
                        union = union.union(r.portsFor(destination));
                        if (union.isAll()) {
                            break;
                        }
                    }
                }
                ConnectionSet hit = undecided.isAll() ? union : union.intersect(undecided);
                allowed = allowed.isEmpty() ? hit : allowed.union(hit);
                undecided = denies(t) ? ConnectionSet.none() : undecided.minus(hit);
            } else {
                ConnectionSet open = undecided;
                ConnectionSet passed = ConnectionSet.none();
                for (ClassRule r : rules[t]) {
                    if (r.action == Action.LOG || !matches(r, peer, peerClass, first, last)) {
                        continue;
                    }
                    ConnectionSet hit = r.portsFor(destination).intersect(open);
                    if (hit.isEmpty()) {
                        continue;
                    }
                    if (r.action == Action.ALLOW) {
                        allowed = allowed.union(hit);
                    } else if (r.action == Action.PASS) {
                        passed = passed.union(hit);
                    }
                    open = open.minus(hit);
                    if (open.isEmpty()) {
                        break;
                    }
                }
                undecided = denies(t) ? passed : passed.union(open);
            }
            if (undecided.isEmpty()) {
                return allowed;
            }
        }
        return allowed.union(undecided);
    }
}
