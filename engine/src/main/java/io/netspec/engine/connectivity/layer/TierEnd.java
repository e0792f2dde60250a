package io.netspec.engine.connectivity.layer;

/**
 * What a tier does with the connections none of its rules matched, for an endpoint the tier
 * selects in that direction (see {@link Selection}). An endpoint the tier does not select always
 * falls through to the next tier.
 */
public enum TierEnd {
    /** Kubernetes NetworkPolicy isolation, a Calico tier with defaultAction Deny, Cilium default deny. */
    DENY,
    /** A Calico tier with defaultAction Pass: the next tier decides. */
    PASS,
    /** Admin and baseline tiers: no implicit verdict; unmatched connections go on to the next tier. */
    NONE
}
