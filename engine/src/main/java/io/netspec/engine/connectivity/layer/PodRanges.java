package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.IpRanges;

/**
 * The IPv4 ranges a pod's IP is known to come from when the input does not carry the IP itself: its Node's
 * {@code spec.podCIDRs}, else the cluster's ({@code podCIDRs:}, {@code --pod-cidr}, or every Node's). An address
 * match is decided for such a pod when its ranges hold all of them (match) or none (no match).
 *
 * @param ranges never empty: a cluster whose known ranges are all IPv6 has none here (the analysis is IPv4)
 * @param text   the CIDRs as given, comma-separated, for messages
 */
public record PodRanges(IpRanges ranges, String text) {

    public PodRanges {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("pod ranges without an IPv4 address");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
