package io.netspec.engine.connectivity;

import io.netspec.engine.model.Direction;

/**
 * The AdminNetworkPolicy and BaselineAdminNetworkPolicy rules that apply to a workload class as a
 * subject, per direction, in evaluation order (ANPs by priority, rules as written). Classes
 * selected by the same admin policies share one profile.
 *
 * <p>One side (a source's egress or a destination's ingress) is decided port by port: the first
 * matching ANP rule Allows, Denies or Passes; what no ANP rule decided, or what was passed, goes
 * to the NetworkPolicies when some select the subject for that direction; otherwise to the
 * BANP's first matching rule; otherwise it is allowed.
 */
final class AdminProfile {

    private static final AdminRule[] NONE = new AdminRule[0];

    /** The admin policies selecting the classes, in evaluation order (ANPs by priority, then the BANP). */
    final java.util.List<io.netspec.engine.model.AdminPolicyFact> policies;
    private final AdminRule[] ingress;
    private final AdminRule[] egress;
    private final AdminRule[] baselineIngress;
    private final AdminRule[] baselineEgress;

    AdminProfile(java.util.List<io.netspec.engine.model.AdminPolicyFact> policies, AdminRule[] ingress, AdminRule[] egress, AdminRule[] baselineIngress, AdminRule[] baselineEgress) {
        this.policies = java.util.List.copyOf(policies);
        this.ingress = ingress;
        this.egress = egress;
        this.baselineIngress = baselineIngress;
        this.baselineEgress = baselineEgress;
    }

    static AdminRule[] none() {
        return NONE;
    }

    AdminRule[] rules(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    AdminRule[] baseline(Direction direction) {
        return direction == Direction.INGRESS ? baselineIngress : baselineEgress;
    }

    /** Adds the classes some rule of {@code direction} (ANP or BANP) names as a peer. */
    void addPeerClasses(Direction direction, java.util.BitSet out) {
        for (AdminRule r : rules(direction)) {
            out.or(r.peerClasses);
        }
        for (AdminRule r : baseline(direction)) {
            out.or(r.peerClasses);
        }
    }

    /**
     * What one side allows. The peer is class {@code peerClass} when it is {@code >= 0}, else the
     * addresses {@code first..last} (all inside or all outside every rule's ranges); named ports
     * resolve on {@code destination} (null for addresses).
     *
     * @param admin   the subject's admin profile, or null when no admin policy selects it
     * @param np      the subject's NetworkPolicy profile for the direction, or null when not isolated
     */
    static ConnectionSet allowed(AdminProfile admin, Direction direction, Profile np, int peerClass, long first,
                                 long last, WorkloadClass destination) {
        if (admin == null) {
            return np == null ? ConnectionSet.all() : networkPolicies(np, peerClass, first, last, destination);
        }
        ConnectionSet allowed = ConnectionSet.none();
        ConnectionSet open = ConnectionSet.all();
        ConnectionSet passed = ConnectionSet.none();
        for (AdminRule r : admin.rules(direction)) {
            if (!r.matches(peerClass, first, last)) {
                continue;
            }
            ConnectionSet hit = r.portsFor(destination).intersect(open);
            if (hit.isEmpty()) {
                continue;
            }
            if (r.action == AdminRule.Action.ALLOW) {
                allowed = allowed.union(hit);
            } else if (r.action == AdminRule.Action.PASS) {
                passed = passed.union(hit);
            }
            open = open.minus(hit);
            if (open.isEmpty()) {
                break;
            }
        }
        ConnectionSet rest = open.union(passed);
        if (rest.isEmpty()) {
            return allowed;
        }
        if (np != null) {
            return allowed.union(rest.intersect(networkPolicies(np, peerClass, first, last, destination)));
        }
        for (AdminRule r : admin.baseline(direction)) {
            if (!r.matches(peerClass, first, last)) {
                continue;
            }
            ConnectionSet hit = r.portsFor(destination).intersect(rest);
            if (hit.isEmpty()) {
                continue;
            }
            if (r.action == AdminRule.Action.ALLOW) {
                allowed = allowed.union(hit);
            }
            rest = rest.minus(hit);
            if (rest.isEmpty()) {
                return allowed;
            }
        }
        return allowed.union(rest);
    }

    private static ConnectionSet networkPolicies(Profile np, int peerClass, long first, long last,
                                                 WorkloadClass destination) {
        return peerClass >= 0 ? np.allowedForClass(peerClass, destination)
                : np.allowedForAddresses(first, last, destination);
    }
}
