package io.netspec.engine.connectivity.layer;

/**
 * What a rule does with the connections it matches. {@link #ALLOW} and {@link #DENY} decide them
 * for this side; {@link #PASS} skips the rest of the rule's tier (they go on to the next tier);
 * {@link #LOG} (Calico) decides nothing: evaluation goes on with the next rule.
 */
public enum Action {
    ALLOW,
    DENY,
    PASS,
    LOG;

    /** True when a matching rule with this action takes the connections out of its tier. */
    public boolean decides() {
        return this != LOG;
    }
}
