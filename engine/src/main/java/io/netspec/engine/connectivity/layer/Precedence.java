package io.netspec.engine.connectivity.layer;

import java.util.Comparator;

/**
 * Where a rule stands in its tier: by {@code order} (ANP/ClusterNetworkPolicy priority, Calico
 * order; lower first), then by policy name, then by rule index. The name tie rule is what Calico
 * documents; for the network-policy-api, where equal priorities are undefined upstream, the
 * compiler also reports the tie as a problem.
 *
 * <p>Within one side's tier, rules of one kind compare by precedence; a compiler that wants a
 * kind-specific order within equal {@code order} (Cilium: deny before allow) encodes it in {@code order}.
 */
public record Precedence(double order, String policyName, int ruleIndex) implements Comparable<Precedence> {

    private static final Comparator<Precedence> ORDER = Comparator.comparingDouble(Precedence::order)
            .thenComparing(Precedence::policyName)
            .thenComparingInt(Precedence::ruleIndex);

    @Override
    public int compareTo(Precedence o) {
        return ORDER.compare(this, o);
    }
}
