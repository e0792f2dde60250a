package io.netspec.engine.rules;

import io.netspec.engine.connectivity.layer.CalicoCompiler;
import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.Workload;
import io.netspec.engine.model.calico.CalicoAction;
import io.netspec.engine.model.calico.CalicoEntity;
import io.netspec.engine.model.calico.CalicoPolicyFact;
import io.netspec.engine.model.calico.CalicoRule;
import io.netspec.engine.model.calico.CalicoSelector;
import io.netspec.engine.model.calico.CalicoTierFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the Calico rules of the segmentation pack ask about Calico policies, answered from the facts. */
public final class CalicoChecks {

    private CalicoChecks() {}

    /** A rule of a policy, as a rule's message names it. */
    public record RuleRef(CalicoPolicyFact policy, Direction direction, int number, String detail) {
        @Override
        public String toString() {
            return policy.policyId() + " " + direction.wireName().toLowerCase() + " rule " + number;
        }
    }

    /**
     * Pass rules of a policy in a tier after which no tier holds a policy (Kubernetes
     * NetworkPolicies count in the default tier): what they pass meets the namespace profile and is
     * allowed, which a Pass rarely means.
     */
    public static List<RuleRef> passesToNothing(Cluster cluster, CalicoPolicyFact policy) {
        // the policy's Pass rules first: most policies have none, and the later tiers are a look at every
        // policy (asked for every policy, that was policies squared)
        List<RuleRef> out = new ArrayList<>();
        for (Direction d : Direction.values()) {
            if (!policy.applies(d)) {
                continue;
            }
            for (CalicoRule r : policy.rules(d)) {
                if (r.action() == CalicoAction.PASS) {
                    out.add(new RuleRef(policy, d, r.index() + 1, policy.tier()));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        double own = order(cluster, policy.tier());
        boolean later = false;
        for (CalicoPolicyFact other : cluster.calico().policies()) {
            later |= !other.hostOnly() && after(order(cluster, other.tier()), other.tier(), own, policy.tier());
        }
        if (!cluster.policies().isEmpty()) {
            later |= after(
                    order(cluster, CalicoPolicyFact.DEFAULT_TIER), CalicoPolicyFact.DEFAULT_TIER, own, policy.tier());
        }
        return later ? List.of() : out;
    }

    private static boolean after(double order, String name, double ownOrder, String ownName) {
        return order > ownOrder || order == ownOrder && name.compareTo(ownName) > 0;
    }

    private static double order(Cluster cluster, String tier) {
        for (CalicoTierFact t : cluster.calico().tiers()) {
            if (t.name().equals(tier)) {
                return t.order().orElse(Double.POSITIVE_INFINITY);
            }
        }
        return tier.equals(CalicoPolicyFact.DEFAULT_TIER)
                ? CalicoTierFact.DEFAULT_TIER_ORDER
                : Double.POSITIVE_INFINITY;
    }

    /**
     * Rules that can never match first: an earlier rule of the same policy and direction decides
     * (Allow, Deny or Pass) and every condition it has, the later rule has too (so every packet
     * the later one matches, the earlier one matched). Field by field, so it never guesses.
     */
    public static List<RuleRef> shadowed(CalicoPolicyFact policy) {
        List<RuleRef> out = new ArrayList<>();
        for (Direction d : Direction.values()) {
            if (!policy.applies(d)) {
                continue;
            }
            List<CalicoRule> rules = policy.rules(d);
            for (int j = 1; j < rules.size(); j++) {
                for (int i = 0; i < j; i++) {
                    CalicoRule earlier = rules.get(i);
                    if (earlier.action() != CalicoAction.LOG && subsumes(earlier, rules.get(j))) {
                        out.add(new RuleRef(
                                policy,
                                d,
                                j + 1,
                                "rule " + (i + 1) + " (" + earlier.action().wireName() + ", " + earlier.sourceRef()
                                        + ")"));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean subsumes(CalicoRule a, CalicoRule b) {
        return within(a.protocol(), b.protocol())
                && within(a.notProtocol(), b.notProtocol())
                && within(a.icmp(), b.icmp())
                && within(a.notIcmp(), b.notIcmp())
                && !a.ipv6Only()
                && !a.http()
                && subsumes(a.source(), b.source())
                && subsumes(a.destination(), b.destination());
    }

    /** An absent condition holds for everything; a present one only where the other has the same. */
    private static <T> boolean within(Optional<T> a, Optional<T> b) {
        return a.isEmpty() || a.equals(b);
    }

    private static <T> boolean within(List<T> a, List<T> b) {
        return a.isEmpty() || a.equals(b);
    }

    private static boolean subsumes(CalicoEntity a, CalicoEntity b) {
        return within(a.nets(), b.nets())
                && within(a.notNets(), b.notNets())
                && within(a.selector(), b.selector())
                && within(a.notSelector(), b.notSelector())
                && within(a.namespaceSelector(), b.namespaceSelector())
                && within(a.serviceAccountNames(), b.serviceAccountNames())
                && within(a.serviceAccountSelector(), b.serviceAccountSelector())
                && within(a.ports(), b.ports())
                && within(a.notPorts(), b.notPorts())
                && Objects.equals(a.services(), b.services());
    }

    /**
     * True when a policy with a real selector (not {@code all()}, or with a namespace or service
     * account selector) applies to no workload of the manifests. A namespace-wide {@code all()} is
     * intentional even before workloads exist, as for dangling-policy.
     */
    public static boolean selectsNothing(Cluster cluster, CalicoPolicyFact policy) {
        boolean narrowed = !(policy.selector() instanceof CalicoSelector.All)
                || policy.namespaceSelector().isPresent()
                || policy.serviceAccountSelector().isPresent();
        if (!narrowed || policy.hostOnly()) {
            return false;
        }
        // a namespaced policy selects in its own namespace only: look there, not through every workload
        List<Workload> candidates =
                policy.namespace().isEmpty() ? cluster.workloads() : cluster.workloadsIn(policy.namespace());
        return candidates.stream().noneMatch(CalicoCompiler.selecting(cluster, policy));
    }

    /** The selector as written in messages: selector, plus namespaceSelector and serviceAccountSelector when set. */
    public static String describe(CalicoPolicyFact policy) {
        StringBuilder sb = new StringBuilder(policy.selector().toString());
        policy.namespaceSelector().ifPresent(s -> sb.append(" in namespaces ").append(s));
        policy.serviceAccountSelector()
                .ifPresent(s -> sb.append(" with service accounts ").append(s));
        if (!policy.namespace().isEmpty()) {
            sb.append(" in namespace ").append(policy.namespace());
        }
        return sb.toString();
    }
}
