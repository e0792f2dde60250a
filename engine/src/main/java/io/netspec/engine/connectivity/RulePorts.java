package io.netspec.engine.connectivity;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The ports one rule covers towards a destination: its numeric entries, plus its named entries
 * resolved on the destination's container ports. Resolutions are cached by the destination's
 * port signature (a race only computes an immutable value twice).
 *
 * @param <T> how the rule writes a named port (a NetworkPolicy port entry, an ANP port name)
 */
final class RulePorts<T> {

    private final ConnectionSet fixed;
    private final List<T> named;
    private final BiFunction<T, WorkloadClass, ConnectionSet> resolve;
    private final ConnectionSet[] bySignature;

    RulePorts(
            ConnectionSet fixed,
            List<T> named,
            BiFunction<T, WorkloadClass, ConnectionSet> resolve,
            int signatureCount) {
        this.fixed = fixed;
        this.named = List.copyOf(named);
        this.resolve = resolve;
        this.bySignature = new ConnectionSet[named.isEmpty() ? 0 : signatureCount];
    }

    List<T> named() {
        return named;
    }

    /** Ports covered towards {@code destination} (null for addresses outside the cluster). */
    ConnectionSet portsFor(WorkloadClass destination) {
        if (named.isEmpty() || destination == null) {
            return fixed;
        }
        ConnectionSet cached = bySignature[destination.portSignature];
        if (cached != null) {
            return cached;
        }
        ConnectionSet out = fixed;
        for (T entry : named) {
            out = out.union(resolve.apply(entry, destination));
        }
        bySignature[destination.portSignature] = out;
        return out;
    }
}
