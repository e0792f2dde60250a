package io.netspec.engine.connectivity;

import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.PolicyPort;
import io.netspec.engine.model.PolicyRule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One ingress or egress rule of a policy, with its peers matched once against every workload
 * class ({@code peerClasses}) and the address ranges of its ipBlocks. Ports are resolved per
 * destination named-port signature and cached.
 */
final class CompiledRule {

    final PolicyFact policy;
    final PolicyRule rule;
    /** No peers: every workload and every address. */
    final boolean allPeers;
    final BitSet peerClasses;
    final IpRanges addresses;
    /** Numeric and protocol-only entries (everything when the rule lists no ports), plus named ones. */
    private final RulePorts<PolicyPort> ports;

    CompiledRule(PolicyFact policy, PolicyRule rule, BitSet peerClasses, IpRanges addresses, int signatureCount) {
        this.policy = policy;
        this.rule = rule;
        this.allPeers = rule.allPeers();
        this.peerClasses = peerClasses;
        this.addresses = addresses;
        ConnectionSet fixed = rule.allPorts() ? ConnectionSet.all() : ConnectionSet.none();
        List<PolicyPort> named = new ArrayList<>();
        for (PolicyPort p : rule.ports()) {
            if (p.port().isNamed()) {
                named.add(p);
            } else {
                fixed = fixed.union(fixedPorts(p));
            }
        }
        this.ports = new RulePorts<>(fixed, named, CompiledRule::namedPorts, signatureCount);
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

    /** The set one named port entry allows on a destination: its container ports of that name and protocol. */
    static ConnectionSet namedPorts(PolicyPort p, WorkloadClass destination) {
        ConnectionSet out = ConnectionSet.none();
        if (destination == null) {
            return out;
        }
        for (WorkloadClass.NamedPort np : destination.key.namedPorts()) {
            if (np.name().equals(p.port().name()) && np.protocol() == p.protocol()
                    && np.port() >= PortRange.MIN && np.port() <= PortRange.MAX) {
                out = out.union(ConnectionSet.single(np.protocol(), np.port()));
            }
        }
        return out;
    }

    boolean hasNamedPorts() {
        return !ports.named().isEmpty();
    }

    List<PolicyPort> namedPortEntries() {
        return ports.named();
    }

    /** Ports this rule allows towards {@code destination} (null for an address outside the cluster). */
    ConnectionSet portsFor(WorkloadClass destination) {
        return ports.portsFor(destination);
    }

    boolean matchesClass(int classIndex) {
        return allPeers || peerClasses.get(classIndex);
    }

    /** True when every address {@code first..last} is a peer of this rule. */
    boolean matchesAddresses(long first, long last) {
        return allPeers || addresses.containsRange(first, last);
    }
}
