package io.netspec.engine.connectivity;

import io.netspec.engine.model.PolicyObject;
import io.netspec.engine.model.SourceRef;
import java.util.Locale;
import java.util.Optional;

/**
 * Something in the policies that the analysis cannot evaluate as written, found while building
 * it: an error (the result depends on a choice netspec made, e.g. two AdminNetworkPolicies with
 * the same priority) or a warning (a part of a policy that is ignored, e.g. a {@code nodes} peer).
 *
 * @param policy    the policy it is written in, when one is (the segmentation rule {@code approximated-policy}
 *                  reports it there, where a waiver can name it)
 * @param undecided set for a peer that some workloads' manifests cannot decide ({@link UndecidedPeer}): the
 *                  one kind of problem a cluster can have thousands of, grouped when shown
 */
public record AnalysisProblem(
        Severity severity,
        SourceRef source,
        String message,
        Optional<PolicyObject> policy,
        Optional<UndecidedPeer> undecided) {

    public enum Severity {
        ERROR,
        WARNING
    }

    /**
     * A peer that matches by what manifests seldom carry (pod IPs, the Node), treated as not matching the
     * workloads whose manifests do not say.
     *
     * @param peer      the peer as written, e.g. {@code networks [10.0.0.0/8]}
     * @param workloads how many workloads it cannot decide
     * @param partlyCovered the peer covers the pods' known range only in part
     * @param podRangesUnknown the cluster's pod ranges (podCIDRs, --pod-cidr) would decide it
     * @param hostNetwork some of those workloads are host-network pods, which node ranges would decide
     */
    public record UndecidedPeer(
            String peer, int workloads, boolean partlyCovered, boolean podRangesUnknown, boolean hostNetwork) {

        /** A peer for which no range would help. */
        public UndecidedPeer(String peer, int workloads) {
            this(peer, workloads, false, false, false);
        }
    }

    public AnalysisProblem {
        policy = policy == null ? Optional.empty() : policy;
        undecided = undecided == null ? Optional.empty() : undecided;
    }

    /** A problem not (yet) tied to its policy. */
    public AnalysisProblem(Severity severity, SourceRef source, String message) {
        this(severity, source, message, Optional.empty(), Optional.empty());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The same problem, written in {@code policy}. */
    public AnalysisProblem in(PolicyObject policy) {
        return new AnalysisProblem(severity, source, message, Optional.of(policy), undecided);
    }

    /** Compiler style: {@code file:line: warning: message}. */
    @Override
    public String toString() {
        return source + ": " + severity.name().toLowerCase(Locale.ROOT) + ": " + message;
    }
}
