package io.netspec.engine.connectivity;

import io.netspec.engine.model.AdminPolicyFact;
import io.netspec.engine.model.Direction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One ingress or egress rule of an AdminNetworkPolicy or BaselineAdminNetworkPolicy, with its
 * pod and namespace peers matched once per workload class ({@code peerClasses}) and its
 * {@code networks} as address ranges. Named ports resolve on the destination's container ports
 * by name alone (the protocol is the container port's), cached per named-port signature.
 */
final class AdminRule {

    enum Action {
        ALLOW, DENY, PASS;

        static Action of(String wire) {
            return switch (wire) {
                case "Allow" -> ALLOW;
                case "Pass" -> PASS;
                default -> DENY; // the loader reports anything else; deny is the safe reading
            };
        }

        String wireName() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    final AdminPolicyFact policy;
    final AdminPolicyFact.Rule rule;
    final Direction direction;
    final int index;
    final Action action;
    final BitSet peerClasses;
    final IpRanges networks;
    /** Numeric and protocol-only entries (everything when the rule lists no ports), plus named ones. */
    private final RulePorts<String> ports;

    AdminRule(AdminPolicyFact policy, Direction direction, int index, BitSet peerClasses, IpRanges networks,
              int signatureCount) {
        this.policy = policy;
        this.rule = (direction == Direction.INGRESS ? policy.ingress() : policy.egress()).get(index);
        this.direction = direction;
        this.index = index;
        this.action = Action.of(rule.action());
        this.peerClasses = peerClasses;
        this.networks = networks;
        ConnectionSet fixed = rule.ports().isEmpty() ? ConnectionSet.all() : ConnectionSet.none();
        List<String> named = new ArrayList<>();
        for (AdminPolicyFact.Port p : rule.ports()) {
            if (!p.namedPort().isEmpty()) {
                named.add(p.namedPort());
            } else if (p.port() >= PortRange.MIN && p.port() <= PortRange.MAX) {
                fixed = fixed.union(ConnectionSet.of(p.protocol(), p.port(),
                        Math.min(PortRange.MAX, Math.max(p.port(), p.endPort()))));
            }
        }
        this.ports = new RulePorts<>(fixed, named, AdminRule::namedPort, signatureCount);
    }

    boolean matchesClass(int classIndex) {
        return peerClasses.get(classIndex);
    }

    boolean matchesAddresses(long first, long last) {
        return networks.containsRange(first, last);
    }

    /** Peer test for a class ({@code peerClass >= 0}) or else the addresses {@code first..last}. */
    boolean matches(int peerClass, long first, long last) {
        return peerClass >= 0 ? matchesClass(peerClass) : matchesAddresses(first, last);
    }

    List<String> namedPortEntries() {
        return ports.named();
    }

    /** Ports this rule covers towards {@code destination} (null for addresses outside the cluster). */
    ConnectionSet portsFor(WorkloadClass destination) {
        return ports.portsFor(destination);
    }

    /** The container ports named {@code name} on {@code destination}, whatever their protocol. */
    static ConnectionSet namedPort(String name, WorkloadClass destination) {
        ConnectionSet out = ConnectionSet.none();
        if (destination == null) {
            return out;
        }
        for (WorkloadClass.NamedPort np : destination.key.namedPorts()) {
            if (np.name().equals(name) && np.port() >= PortRange.MIN && np.port() <= PortRange.MAX) {
                out = out.union(ConnectionSet.single(np.protocol(), np.port()));
            }
        }
        return out;
    }
}
