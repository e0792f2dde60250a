package io.netspec.engine.connectivity.layer;

import io.netspec.engine.connectivity.ConnectionSet;
import io.netspec.engine.model.ContainerPort;
import io.netspec.engine.model.Direction;
import java.util.List;

/**
 * The semantics of {@link LayerModel} written plainly, one endpoint pair at a time, with no
 * classes, bitsets or caches: the reference the fast analysis is tested against, and what a new
 * compiler's tests can use to check its output.
 */
public final class ReferenceEvaluator {

    private ReferenceEvaluator() {}

    /** The other end of one side: an endpoint in the cluster, or IPv4 addresses {@code first..last} outside. */
    public sealed interface Other {}

    public record InCluster(EndpointAttributes endpoint) implements Other {}

    public record Outside(long first, long last) implements Other {}

    /**
     * What {@code subject}'s side of {@code direction} allows with {@code other}; named ports
     * resolve on {@code destinationPorts} (null when the destination is outside the cluster).
     */
    public static ConnectionSet side(
            LayerModel model,
            EndpointAttributes subject,
            Direction direction,
            Other other,
            List<ContainerPort> destinationPorts) {
        ConnectionSet undecided = ConnectionSet.all();
        ConnectionSet allowed = ConnectionSet.none();
        for (Tier tier : model.tiers()) {
            ConnectionSet open = undecided;
            ConnectionSet passed = ConnectionSet.none();
            for (LayerRule r : model.rules()) {
                if (!r.tier().equals(tier)
                        || r.direction() != direction
                        || !r.subject().test(subject)
                        || !r.action().decides()
                        || !peerMatches(r, other)) {
                    continue;
                }
                ConnectionSet hit = r.ports().resolve(destinationPorts).intersect(open);
                switch (r.action()) {
                    case ALLOW -> allowed = allowed.union(hit);
                    case PASS -> passed = passed.union(hit);
                    default -> {}
                }
                open = open.minus(hit);
            }
            boolean selected = model.selections().stream()
                    .anyMatch(s -> s.tier().equals(tier)
                            && s.direction() == direction
                            && s.subject().test(subject));
            undecided = selected && tier.end() == TierEnd.DENY ? passed : passed.union(open);
        }
        return allowed.union(undecided);
    }

    static boolean peerMatches(LayerRule rule, Other other) {
        for (Peer p : rule.peers()) {
            boolean match = other instanceof InCluster in
                    ? p.endpoints().test(in.endpoint())
                    : p.addresses().containsRange(((Outside) other).first(), ((Outside) other).last());
            if (match) {
                return true;
            }
        }
        return false;
    }
}
