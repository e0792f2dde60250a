package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.IpRanges;
import io.netspec.engine.model.SourceRef;

/**
 * One peer entry of a rule: the endpoints inside the cluster it selects, and the addresses outside
 * the cluster it matches. A NetworkPolicy ipBlock is addresses only (netspec does not match
 * ipBlocks against pod IPs); a ClusterNetworkPolicy {@code networks} entry is both an
 * {@link EndpointMatch.Addresses} match and the same addresses outside.
 *
 * @param text  the peer as evidence prints it
 */
public record Peer(EndpointMatch endpoints, IpRanges addresses, String text, SourceRef source) {

    /** Every endpoint and every address (a rule without peers). */
    public static Peer any(SourceRef source) {
        return new Peer(EndpointMatch.ALL, IpRanges.ALL, "all peers", source);
    }

    public boolean matchesEverything() {
        return endpoints instanceof EndpointMatch.All && addresses.isAll();
    }

    @Override
    public String toString() {
        return text;
    }
}
