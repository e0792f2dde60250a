package io.netspec.engine.model;

import java.util.List;

/**
 * One entry of {@code ingress}, {@code ingressDeny}, {@code egress} or {@code egressDeny}.
 *
 * @param index   0-based position in its list
 * @param toPorts the {@code toPorts} entries; empty when none are written (every port and protocol)
 * @param icmps   true when the rule has {@code icmps} (ICMP is not modelled: such a rule allows or
 *                denies no TCP/UDP/SCTP traffic)
 */
public record CiliumPeerRule(
        Direction direction,
        boolean deny,
        int index,
        CiliumPeers peers,
        List<CiliumPortRule> toPorts,
        boolean icmps,
        SourceRef source) {

    public CiliumPeerRule {
        toPorts = List.copyOf(toPorts);
    }

    /** {@code ingress}, {@code ingressDeny}, {@code egress} or {@code egressDeny}. */
    public String section() {
        String base = direction == Direction.INGRESS ? "ingress" : "egress";
        return deny ? base + "Deny" : base;
    }

    /** The rule's L7 part, if any port entry has one. */
    public boolean hasL7() {
        return toPorts.stream().anyMatch(p -> p.l7().isPresent());
    }

    /** E.g. {@code ingressDeny rule 2} (1-based, as users count). */
    public String label() {
        return section() + " rule " + (index + 1);
    }
}
