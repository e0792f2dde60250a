package io.netspec.engine.rules.runtime;

import java.time.Duration;

/**
 * How much one run of the rules may do: rule packs are code, and a rule that keeps inserting facts or loops in
 * its consequence must end the run with an error naming it, not hang a CI job.
 *
 * @param maxFirings rule firings per rule base and run
 * @param timeout    wall time per rule base and run
 */
public record RuleBudget(long maxFirings, Duration timeout) {

    /** Far above what the built-in packs use on the largest benchmark clusters. */
    public static final RuleBudget DEFAULT = new RuleBudget(10_000_000, Duration.ofSeconds(120));

    public RuleBudget {
        if (maxFirings < 1) {
            throw new IllegalArgumentException("rule firings budget must be at least 1, not " + maxFirings);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("rule time budget must be positive, not " + timeout);
        }
    }

    public RuleBudget withMaxFirings(long firings) {
        return new RuleBudget(firings, timeout);
    }

    public RuleBudget withTimeout(Duration t) {
        return new RuleBudget(maxFirings, t);
    }
}
