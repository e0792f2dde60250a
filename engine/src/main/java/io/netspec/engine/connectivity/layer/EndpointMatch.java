package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.IpRanges;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which endpoints inside the cluster a subject or a peer selects. Addresses outside the cluster
 * are a {@link Peer}'s {@code addresses}, not an endpoint match.
 *
 * <p>The analysis evaluates a match once per workload class (bitsets); the structured cases
 * ({@link Pods}) are indexed by namespace, {@link Where} is the general case evaluated per class.
 * Some matches cannot be decided from the manifests for some endpoints ({@link #decidable}): an
 * address match on a pod whose IP the input does not carry. They count as not matching and the
 * analysis names the peer in its problems.
 */
public sealed interface EndpointMatch {

    boolean test(EndpointAttributes endpoint);

    /** False when the input does not carry what this match needs to decide for {@code endpoint}. */
    default boolean decidable(EndpointAttributes endpoint) {
        return true;
    }

    /** The attributes beyond namespace, labels and named ports that this match reads. */
    default Set<Attribute> reads() {
        return EnumSet.noneOf(Attribute.class);
    }

    EndpointMatch ALL = new All();
    EndpointMatch NOTHING = new Nothing();

    /** Every endpoint in the cluster. */
    record All() implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes endpoint) {
            return true;
        }

        @Override
        public String toString() {
            return "all endpoints";
        }
    }

    record Nothing() implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes endpoint) {
            return false;
        }

        @Override
        public String toString() {
            return "no endpoint";
        }
    }

    /** Which namespaces a {@link Pods} match looks in. */
    sealed interface Namespaces {
        boolean matches(String name, Map<String, String> labels);
    }

    /** One namespace by name (a NetworkPolicy's own namespace). */
    record Named(String name) implements Namespaces {
        @Override
        public boolean matches(String namespace, Map<String, String> labels) {
            return name.equals(namespace);
        }

        @Override
        public String toString() {
            return "namespace " + name;
        }
    }

    /** Namespaces whose labels match. */
    record Labelled(LabelMatcher labels) implements Namespaces {
        @Override
        public boolean matches(String namespace, Map<String, String> nsLabels) {
            return labels.matches(nsLabels);
        }

        @Override
        public String toString() {
            return labels.matchesAll() ? "all namespaces" : "namespaces " + labels;
        }
    }

    /**
     * Pods whose labels match in matching namespaces. {@code hostNetworkPods} false leaves out
     * host-network pods (ClusterNetworkPolicy subjects and pod/namespace peers never select them).
     */
    record Pods(Namespaces namespaces, LabelMatcher pods, boolean hostNetworkPods) implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes e) {
            return (hostNetworkPods || !e.hostNetwork())
                    && namespaces.matches(e.namespace(), e.namespaceLabels())
                    && pods.matches(e.podLabels());
        }

        @Override
        public Set<Attribute> reads() {
            return hostNetworkPods ? EnumSet.noneOf(Attribute.class) : EnumSet.of(Attribute.HOST_NETWORK);
        }

        @Override
        public String toString() {
            return (pods.matchesAll() ? "all pods" : "pods " + pods) + " in " + namespaces;
        }
    }

    /**
     * Endpoints whose address is in {@code ranges}: pod IPs, and node IPs for host-network pods
     * (ClusterNetworkPolicy {@code networks}, Calico {@code nets}). For an endpoint without a known
     * address, decided only when the ranges hold every IPv4 address or none, or when the pod's
     * {@linkplain EndpointAttributes#podRanges ranges} are known and lie wholly inside or wholly
     * outside them: whatever its IP, the answer is then the same.
     */
    record Addresses(IpRanges ranges, String text) implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes e) {
            if (ranges.isAll()) {
                return true;
            }
            if (e.addresses().isEmpty()) {
                return e.podRanges().isPresent()
                        && ranges.containsAll(e.podRanges().get().ranges());
            }
            // a loop, not a stream: matched once per class and per representative for every ipBlock and nets
            for (long a : e.addresses()) {
                if (ranges.contains(a)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean decidable(EndpointAttributes e) {
            return ranges.isAll()
                    || !e.addresses().isEmpty()
                    || ranges.isEmpty()
                    || e.podRanges().isPresent() && !partly(e.podRanges().get());
        }

        /** True when some but not all of {@code pods} is in these ranges: a pod there may match or not. */
        public boolean partly(PodRanges pods) {
            return ranges.intersects(pods.ranges()) && !ranges.containsAll(pods.ranges());
        }

        @Override
        public Set<Attribute> reads() {
            return EnumSet.of(Attribute.ADDRESSES);
        }

        @Override
        public String toString() {
            return "addresses " + text;
        }
    }

    /**
     * Host-network endpoints on nodes whose labels match: they have their node's addresses
     * (ClusterNetworkPolicy {@code nodes}). Undecidable for a host-network endpoint whose node, or
     * whose Node object, the input does not carry.
     */
    record OnNodes(LabelMatcher nodes) implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes e) {
            return e.hostNetwork() && e.nodeKnown() && nodes.matches(e.nodeLabels());
        }

        @Override
        public boolean decidable(EndpointAttributes e) {
            return !e.hostNetwork() || e.nodeKnown();
        }

        @Override
        public Set<Attribute> reads() {
            return EnumSet.of(Attribute.HOST_NETWORK, Attribute.NODE);
        }

        @Override
        public String toString() {
            return "nodes " + nodes;
        }
    }

    /**
     * Any predicate over the attributes (a CNI's selector language); evaluated once per class.
     *
     * <p>{@code within} is a necessary condition of the predicate, for indexing only: every endpoint the
     * predicate accepts also matches {@code within} ({@link #ALL} when the compiler knows none). Indexes
     * evaluate the predicate only on what {@code within} selects (an indexed {@link Pods} match narrows a
     * namespaced selector to its namespace's classes); {@link #test} is the predicate alone.
     *
     * <p>Equality is the record's, so it is the predicate's: a lambda is equal only to itself, a predicate
     * that is a value (a record of what the selector is: its expression, namespace, the labels it reads
     * beyond the endpoint's) is equal to the same selector compiled again from another version of the
     * manifests. A diff relies on that to tell an unchanged CNI rule from a changed one ({@code
     * ChangeScope}); so a value predicate must hold everything its answer depends on besides the
     * endpoint's attributes. The analysis itself keys matches by identity and never calls this.
     */
    record Where(
            String description, Set<Attribute> reads, Predicate<EndpointAttributes> predicate, EndpointMatch within)
            implements EndpointMatch {
        public Where {
            reads = reads.isEmpty() ? EnumSet.noneOf(Attribute.class) : EnumSet.copyOf(reads);
        }

        /** With no necessary condition: every endpoint is a candidate. */
        public Where(String description, Set<Attribute> reads, Predicate<EndpointAttributes> predicate) {
            this(description, reads, predicate, ALL);
        }

        @Override
        public boolean test(EndpointAttributes endpoint) {
            return predicate.test(endpoint);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    record AnyOf(List<EndpointMatch> matches) implements EndpointMatch {
        public AnyOf {
            matches = List.copyOf(matches);
        }

        @Override
        public boolean test(EndpointAttributes e) {
            return matches.stream().anyMatch(m -> m.test(e));
        }

        @Override
        public boolean decidable(EndpointAttributes e) {
            return matches.stream().allMatch(m -> m.decidable(e)) || test(e);
        }

        @Override
        public Set<Attribute> reads() {
            return union(matches);
        }

        @Override
        public String toString() {
            return matches.stream().map(Object::toString).collect(Collectors.joining(" or "));
        }
    }

    record AllOf(List<EndpointMatch> matches) implements EndpointMatch {
        public AllOf {
            matches = List.copyOf(matches);
        }

        @Override
        public boolean test(EndpointAttributes e) {
            return matches.stream().allMatch(m -> m.test(e));
        }

        @Override
        public boolean decidable(EndpointAttributes e) {
            return matches.stream().allMatch(m -> m.decidable(e))
                    || matches.stream().anyMatch(m -> m.decidable(e) && !m.test(e));
        }

        @Override
        public Set<Attribute> reads() {
            return union(matches);
        }

        @Override
        public String toString() {
            return matches.stream().map(Object::toString).collect(Collectors.joining(" and "));
        }
    }

    record Not(EndpointMatch match) implements EndpointMatch {
        @Override
        public boolean test(EndpointAttributes e) {
            return !match.test(e);
        }

        @Override
        public boolean decidable(EndpointAttributes e) {
            return match.decidable(e);
        }

        @Override
        public Set<Attribute> reads() {
            return match.reads();
        }

        @Override
        public String toString() {
            return "not (" + match + ")";
        }
    }

    private static Set<Attribute> union(List<EndpointMatch> matches) {
        Set<Attribute> out = EnumSet.noneOf(Attribute.class);
        matches.forEach(m -> out.addAll(m.reads()));
        return out;
    }
}
