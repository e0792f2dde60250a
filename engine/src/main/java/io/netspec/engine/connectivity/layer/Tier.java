package io.netspec.engine.connectivity.layer;

/**
 * One tier of policy evaluation. Tiers are data produced by the policy compilers, not a fixed list
 * of kinds: a compiler declares the tiers its rules live in, and tiers are evaluated by ascending
 * {@code rank} (ties by name). Two compilers that name the same tier share it (e.g. Kubernetes
 * NetworkPolicies in Calico's default tier).
 *
 * @param name  what evidence calls it ({@code Admin}, {@code NetworkPolicy}, {@code Baseline}, a Calico tier)
 * @param rank  evaluation order: lower first
 * @param end   what happens to unmatched connections of an endpoint the tier selects
 */
public record Tier(String name, double rank, TierEnd end) implements Comparable<Tier> {

    /** Admin tier of ClusterNetworkPolicy and AdminNetworkPolicy: before NetworkPolicies. */
    public static final Tier ADMIN = new Tier("Admin", 100, TierEnd.NONE);
    /** Kubernetes NetworkPolicy: isolation denies what no rule allows. */
    public static final Tier NETWORK_POLICY = new Tier("NetworkPolicy", 500, TierEnd.DENY);
    /** Baseline tier of ClusterNetworkPolicy and the BaselineAdminNetworkPolicy: after NetworkPolicies. */
    public static final Tier BASELINE = new Tier("Baseline", 900, TierEnd.NONE);

    @Override
    public int compareTo(Tier o) {
        int c = Double.compare(rank, o.rank);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
