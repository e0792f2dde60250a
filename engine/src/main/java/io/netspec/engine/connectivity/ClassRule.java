package io.netspec.engine.connectivity;

import io.netspec.engine.connectivity.layer.Action;
import io.netspec.engine.connectivity.layer.EndpointAttributes;
import io.netspec.engine.connectivity.layer.LayerRule;
import io.netspec.engine.connectivity.layer.Peer;
import io.netspec.engine.model.ContainerPort;
import java.util.BitSet;
import java.util.List;

/**
 * One {@link LayerRule} with its peers matched once per workload class ({@code peerClasses}) and
 * its peers' outside addresses as ranges. Ports resolve per destination named-port signature,
 * cached (a race only computes an immutable value twice).
 */
final class ClassRule {

    final LayerRule rule;
    final Action action;
    /** Some peer matches every endpoint, including classes no rule names ({@link ClassRows#NO_CLASS}). */
    final boolean allEndpoints;

    final BitSet peerClasses;
    final IpRanges addresses;
    private final ConnectionSet outside;
    private final ConnectionSet[] bySignature;

    ClassRule(LayerRule rule, boolean allEndpoints, BitSet peerClasses, IpRanges addresses, int signatureCount) {
        this.rule = rule;
        this.action = rule.action();
        this.allEndpoints = allEndpoints;
        this.peerClasses = peerClasses;
        this.addresses = addresses;
        this.outside = rule.ports().resolve(null);
        this.bySignature = rule.ports().hasNamedPorts() ? new ConnectionSet[signatureCount] : null;
    }

    boolean matchesClass(int classIndex) {
        return allEndpoints || peerClasses.get(classIndex);
    }

    boolean matchesAddresses(long first, long last) {
        return addresses.containsRange(first, last);
    }

    /** Peer test for a class ({@code peerClass >= 0}) or else the addresses {@code first..last}. */
    boolean matches(int peerClass, long first, long last) {
        return peerClass >= 0 ? matchesClass(peerClass) : matchesAddresses(first, last);
    }

    /** Peer test for a made-up endpoint, on its attributes (any peer of the rule). */
    boolean matchesEndpoint(EndpointAttributes endpoint) {
        for (Peer p : rule.peers()) {
            if (p.endpoints().test(endpoint)) {
                return true;
            }
        }
        return false;
    }

    /** Ports this rule covers towards {@code destination} (null for addresses outside the cluster). */
    ConnectionSet portsFor(WorkloadClass destination) {
        if (bySignature == null || destination == null) {
            return outside;
        }
        if (destination.portSignature >= bySignature.length) {
            return rule.ports().resolve(destination.namedPortList()); // a made-up endpoint: not cached
        }
        ConnectionSet cached = bySignature[destination.portSignature];
        if (cached == null) {
            cached = rule.ports().resolve(destination.namedPortList());
            bySignature[destination.portSignature] = cached;
        }
        return cached;
    }

    static List<ContainerPort> portsOf(WorkloadClass destination) {
        return destination == null ? null : destination.namedPortList();
    }
}
