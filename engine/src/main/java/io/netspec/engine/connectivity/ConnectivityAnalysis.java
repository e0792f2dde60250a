package io.netspec.engine.connectivity;

import io.netspec.engine.model.Cluster;
import io.netspec.engine.model.Direction;
import io.netspec.engine.model.PolicyFact;
import io.netspec.engine.model.Workload;

import java.util.List;
import java.util.stream.Stream;

/**
 * Exact NetworkPolicy (networking.k8s.io/v1) connectivity over one {@link Cluster}: who can reach
 * whom on which ports, and why.
 */
public final class ConnectivityAnalysis {

    /** One ordered pair with a non-empty allowed set. */
    public record Reach(Endpoint source, Endpoint destination, ConnectionSet connections) {
        /** The corpus line: {@code src => dst : conns}. */
        @Override
        public String toString() {
            return source.id() + " => " + destination.id() + " : " + connections;
        }
    }

    public static ConnectivityAnalysis of(Cluster cluster) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Cluster cluster() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Workload endpoints, then the external ranges the policies cut the address space into. */
    public List<Endpoint> endpoints() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** What {@code source} may send to {@code destination}: its egress AND the destination's ingress. */
    public ConnectionSet allowed(Endpoint source, Endpoint destination) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every ordered pair with something allowed (no self-loops, no external-to-external), sorted as the corpus. */
    public Stream<Reach> reach() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The evidence for {@code allowed(source, destination)}: allowing rules, or the isolation that denies. */
    public Explanation explain(Endpoint source, Endpoint destination) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** True when some policy in the workload's namespace selects it for that direction. */
    public boolean isIsolated(Workload workload, Direction direction) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The policies that select the workload for that direction. */
    public List<PolicyFact> policiesSelecting(Workload workload, Direction direction) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
