package io.netspec.engine.connectivity;

import io.netspec.engine.model.PolicyFact;

import java.util.List;

/**
 * The isolating policies of one direction that select a workload class, and their rules. Classes
 * selected by the same policies share one profile.
 */
final class Profile {

    final List<PolicyFact> policies;
    final CompiledRule[] rules;

    Profile(List<PolicyFact> policies, List<CompiledRule> rules) {
        this.policies = List.copyOf(policies);
        this.rules = rules.toArray(new CompiledRule[0]);
    }

    /** True when a rule without peers (every workload, every address) is among the rules. */
    boolean hasAllPeersRule() {
        for (CompiledRule r : rules) {
            if (r.allPeers) {
                return true;
            }
        }
        return false;
    }

    /** Adds the classes some rule names as a peer (rules without peers name none: they match every class alike). */
    void addPeerClasses(java.util.BitSet out) {
        for (CompiledRule r : rules) {
            out.or(r.peerClasses);
        }
    }

    /** Union of the ports of every rule whose peers include class {@code peer}, resolved on {@code destination}. */
    ConnectionSet allowedForClass(int peer, WorkloadClass destination) {
        ConnectionSet out = ConnectionSet.none();
        for (CompiledRule r : rules) {
            if (r.matchesClass(peer)) {
                out = out.union(r.portsFor(destination));
                if (out.isAll()) {
                    return out;
                }
            }
        }
        return out;
    }

    /**
     * Union of the ports of every rule whose peers include all addresses {@code first..last}
     * ({@code destination} null when the addresses are the destination).
     */
    ConnectionSet allowedForAddresses(long first, long last, WorkloadClass destination) {
        ConnectionSet out = ConnectionSet.none();
        for (CompiledRule r : rules) {
            if (r.matchesAddresses(first, last)) {
                out = out.union(r.portsFor(destination));
                if (out.isAll()) {
                    return out;
                }
            }
        }
        return out;
    }
}
