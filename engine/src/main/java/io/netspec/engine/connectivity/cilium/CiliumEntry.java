package io.netspec.engine.connectivity.cilium;

import io.netspec.engine.model.Cidr;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.IpBlock;
import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.PortRef;
import io.netspec.engine.model.Protocol;
import io.netspec.engine.model.SourceRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One compiled Cilium policy entry, the shape of Cilium's own {@code types.PolicyEntry}: a subject, a
 * direction, a verdict, whether it switches its subjects to default deny, the peers (L3) and the ports (L4).
 * CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and (as Cilium reads it) NetworkPolicy all compile to it.
 *
 * @param peers empty: selects no peer ({@code fromEndpoints: []}, a deny-all NetworkPolicy, {@code ingress: [{}]})
 * @param ports empty: every port of TCP, UDP and SCTP
 */
public record CiliumEntry(
        Origin origin,
        Direction direction,
        boolean deny,
        boolean defaultDeny,
        CiliumSelector subject,
        List<Peer> peers,
        List<Port> ports) {

    public CiliumEntry {
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    /** Which policy, which rule and where: what explanations name. */
    public record Origin(PolicyObject policy, String rule, int index, SourceRef source) {
        @Override
        public String toString() {
            return policy.policyId() + " " + rule + " (" + source + ")";
        }
    }

    /** An L3 peer. */
    public sealed interface Peer {}

    /** Pods whose identity labels match. */
    public record Pods(CiliumSelector selector) implements Peer {}

    /** Everything: pods, the host, nodes and every outside address ({@code all}, or an implicit L3 wildcard). */
    public record Everything() implements Peer {}

    /**
     * The host of the node the subject runs on ({@code host}, and part of {@code cluster}): matched by a spec's
     * {@code the host}; host-network pods are not given this identity (manifests do not say which node they share).
     */
    public record Host() implements Peer {}

    /** Every address outside the cluster ({@code world}). */
    public record World() implements Peer {}

    /** Outside addresses in the block (CIDR rules never select pods). */
    public record Addresses(IpBlock block) implements Peer {}

    /**
     * An address of the API server ({@code kube-apiserver}, from the {@code default/kubernetes} EndpointSlice or
     * Endpoints) that is no pod's and no node's: outside the cluster, so it also stays {@code world} for Cilium.
     */
    public record ApiServer(Cidr address, String from) implements Peer {}

    /** A peer manifests cannot resolve (host, remote-node, kube-apiserver, toFQDNs, node selectors...). */
    public record Undecided(String what) implements Peer {}

    /**
     * One port entry: {@code protocols} (TCP/UDP/SCTP), a number, range or name ({@link PortRef#ANY}: every
     * port), and the kind of L7 part the entry has, which is not decided statically.
     */
    public record Port(Set<Protocol> protocols, PortRef port, int endPort, Optional<String> l7) {
        public Port {
            protocols = Set.copyOf(protocols);
        }
    }
}
