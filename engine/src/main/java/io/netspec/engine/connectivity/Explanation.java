package io.netspec.engine.connectivity;

/**
 * Why a connection is allowed or denied: per protocol and port range, the egress and ingress
 * policy rules that allow it (policy, rule index, file:line), or the isolating policies that leave
 * it denied, or "not isolated".
 */
public final class Explanation {

    /** Human-readable, multi-line; what the CLI and failed specs print. */
    public String render() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
